// pdf-lib's self-contained ES module build (pako inlined) has the package's own types.
declare module 'pdf-lib/dist/pdf-lib.esm.min.js' {
  export * from 'pdf-lib';
}
