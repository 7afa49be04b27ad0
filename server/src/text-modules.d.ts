/** A Markdown file imported `with { type: 'text' }`: esbuild inlines its text when bundling (guide.ts). */
declare module '*.md' {
  const text: string;
  export default text;
}
