/**
 * `npm run analyze`: custom-elements.json at the repo root, from the elements' JSDoc (`@summary`,
 * `@fires`, `@csspart`, `@cssprop`, `@cssstate`, `@slot`). Storybook's docs tables and the JSX types
 * (`scripts/jsx-types.mjs`) read it; package.json's "customElements" points npm users at it.
 */
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';

/**
 * Tags come from the define modules' `define('portal-login', PortalLogin)` (src/internal/define.ts, which
 * warns instead of throwing on a second registration): the analyzer only knows `customElements.define`,
 * so without this every element but the provider would be a plain class with no tag.
 */
function porchlightDefineCalls() {
  return {
    name: 'porchlight-define-calls',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'define') return;
      const [tagArgument, classArgument] = node.arguments;
      if (!tagArgument || !ts.isStringLiteral(tagArgument) || !classArgument || !ts.isIdentifier(classArgument)) return;
      const className = classArgument.text;
      // The class is imported by the define module: point the definition at the module that declares it.
      let classModule = moduleDoc.path;
      for (const statement of node.getSourceFile().statements) {
        if (!ts.isImportDeclaration(statement)) continue;
        const names = statement.importClause?.namedBindings;
        if (names && ts.isNamedImports(names) && names.elements.some((element) => element.name.text === className)) {
          const specifier = statement.moduleSpecifier.text;
          classModule = posix.normalize(posix.join(posix.dirname(moduleDoc.path), specifier)).replace(/\.js$/, '.ts');
        }
      }
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tagArgument.text, declaration: { name: className, module: classModule } },
      ];
    },
    packageLinkPhase({ customElementsManifest }) {
      const definitions = customElementsManifest.modules.flatMap((module) =>
        (module.exports ?? []).filter((entry) => entry.kind === 'custom-element-definition'),
      );
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          const definition = definitions.find(
            (entry) => entry.declaration.name === declaration.name && entry.declaration.module === module.path,
          );
          if (definition) {
            declaration.tagName = definition.name;
            declaration.customElement = true;
          }
        }
      }
    },
  };
}

/**
 * Private and protected members (the base classes' hooks for subclasses) and `#fields` are no
 * element user's API; `@internal` ones (every `@state()`) the analyzer drops itself. The analyzer also lists a `dispatchEvent(new SomeEvent(detail))` as an event named after
 * its first argument ("detail", "date"): only the events a `@fires` line documents stay (those have a
 * description), and test/package-manifest.test.ts fails when a dispatched event has no `@fires`.
 */
function porchlightPublicSurfaceOnly() {
  return {
    name: 'porchlight-public-surface-only',
    packageLinkPhase({ customElementsManifest }) {
      // The analyzer lists modules in the order its file reads finish: sorted, the file only changes when the API does.
      customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.members) {
            declaration.members = declaration.members.filter(
              (member) => member.privacy !== 'private' && member.privacy !== 'protected' && !member.name.startsWith('#'),
            );
          }
          if (declaration.events) declaration.events = declaration.events.filter((event) => event.name && event.description);
        }
      }
    },
  };
}

/**
 * The global theme tokens (`--portal-color-brand`, `--portal-space-m`, `--portal-font-family`, …: tier one,
 * src/internal/theme.ts and shared-styles.ts)
 * with their defaults, listed on every element that reads them (those using the shared host styles),
 * so Storybook's CSS-properties table shows what a host page can set. Per-element knobs stay in each
 * class's `@cssprop` lines.
 */
function porchlightThemeTokens() {
  /** `var(--portal-x, fallback)` → [name, fallback], the fallback read to its matching parenthesis. */
  function tokensIn(source) {
    const tokens = new Map();
    for (const match of source.matchAll(/var\(\s*(--portal-[a-z0-9-]+)\s*,\s*/g)) {
      let depth = 1;
      let end = match.index + match[0].length;
      while (end < source.length && depth > 0) {
        if (source[end] === '(') depth++;
        else if (source[end] === ')') depth--;
        end++;
      }
      const fallback = source.slice(match.index + match[0].length, end - 1).replace(/\s+/g, ' ').trim();
      if (!tokens.has(match[1])) tokens.set(match[1], fallback);
    }
    return tokens;
  }
  return {
    name: 'porchlight-theme-tokens',
    packageLinkPhase({ customElementsManifest }) {
      // theme.ts holds the colours, radii and spaces; the shared host styles the font tokens.
      const tokens = tokensIn(['src/internal/theme.ts', 'src/internal/shared-styles.ts'].map((file) => readFileSync(file, 'utf8')).join('\n'));
      for (const module of customElementsManifest.modules) {
        const readsTheme = readFileSync(module.path, 'utf8').includes('shared-styles.js');
        for (const declaration of module.declarations ?? []) {
          if (!declaration.tagName || !readsTheme) continue;
          const documented = new Set((declaration.cssProperties ?? []).map((property) => property.name));
          declaration.cssProperties = [
            ...(declaration.cssProperties ?? []),
            ...[...tokens]
              .filter(([name]) => !documented.has(name))
              .map(([name, fallback]) => ({ name, description: 'Global theme token (docs/theming.md).', default: fallback })),
          ];
        }
      }
    },
  };
}

export default {
  // The element classes and their base classes (inherited attributes such as `api-base`), the event
  // classes named in `@fires`, and the define modules that give each class its tag. Not the elements'
  // render helpers: they are no one's API, and listing them would change the manifest with every edit.
  globs: [
    'src/elements/*/portal-*.ts',
    'src/elements/portal-scheduler/date-grid.ts',
    'src/internal/portal-*element.ts',
    // The mixin giving every element its `strings` (and its language): its members are the elements' too.
    'src/i18n/localized-element.ts',
    'src/events/*.ts',
    'src/define/*.ts',
  ],
  exclude: ['src/**/*.styles.ts'],
  // The manifest test (test/package-manifest.test.mjs) writes a fresh one elsewhere to compare.
  // (relative to the repo: the analyzer joins it to the working directory).
  outdir: process.env.CEM_OUTDIR ?? '.',
  // package.json's "customElements" is written by hand: the analyzer would point it at CEM_OUTDIR.
  packagejson: false,
  litelement: true,
  plugins: [porchlightDefineCalls(), porchlightPublicSurfaceOnly(), porchlightThemeTokens()],
};
