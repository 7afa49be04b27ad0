// pdf-lib's self-contained ES module build (pako inlined) has the package's own types.
declare module 'pdf-lib/dist/pdf-lib.esm.min.js' {
  export * from 'pdf-lib';
}

// fontkit's self-contained UMD build (pako inlined): the engine, as the package's own entry exports it.
declare module '@pdf-lib/fontkit/dist/fontkit.umd.min.js' {
  import fontkit from '@pdf-lib/fontkit';
  export default fontkit;
}
