/**
 * custom-elements.json names a field's type as the source writes it: `LoginView`, `Routing`,
 * `PortalSection`, `SessionPersistence` — aliases that Storybook (and @wc-toolkit/storybook-helpers)
 * can only offer as free text, though each is a closed list of words. While Storybook builds, this Vite
 * plugin reads each element field's type with the TypeScript checker and, where it is a union of string
 * literals (with or without `undefined`/`null`), writes it out as the member's `parsedType`
 * (`'hash' | 'path' | 'none'`): what @wc-toolkit/type-parser would add to the manifest, and what the
 * storybook helpers turn into a select control with those options and show in the docs table's type
 * column. Every element gets it, including a field added later; nothing is listed by hand.
 *
 * Only the manifest Storybook imports changes (in the bundle): the repository's custom-elements.json
 * stays as `npm run analyze` writes it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import type { Plugin } from 'vite';

interface Member {
  kind?: string;
  name: string;
  type?: { text?: string };
  parsedType?: { text: string };
}
interface Declaration {
  name?: string;
  tagName?: string;
  members?: Member[];
  attributes?: { fieldName?: string; type?: { text?: string }; parsedType?: { text: string } }[];
}
interface Manifest {
  modules?: { path: string; declarations?: Declaration[] }[];
}

/** The string literals a type is made of, or null when it is anything else (a string, a number, an object …). */
export function stringLiterals(type: ts.Type): string[] | null {
  const parts = type.isUnion() ? type.types : [type];
  const values: string[] = [];
  for (const part of parts) {
    if (part.isStringLiteral()) values.push(part.value);
    else if (!(part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void))) return null;
  }
  return values.length > 0 ? values : null;
}

/** `'a' | 'b'`, as a manifest writes a union of string literals. */
export const unionText = (values: string[]) => values.map((value) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(' | ');

/**
 * Adds `parsedType` to every element field (and its attribute) whose type the checker finds to be a
 * union of string literals. Returns how many it added.
 */
export function addParsedTypes(manifest: Manifest, root: string): number {
  const modules = (manifest.modules ?? []).filter((m) => m.declarations?.some((d) => d.tagName));
  const files = modules.map((m) => resolve(root, m.path)).filter((file) => existsSync(file));
  if (files.length === 0) return 0;
  const config = ts.getParsedCommandLineOfConfigFile(resolve(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  const program = ts.createProgram(files, { ...(config?.options ?? {}), noEmit: true });
  const checker = program.getTypeChecker();
  let added = 0;
  for (const module of modules) {
    const source = program.getSourceFile(resolve(root, module.path));
    if (!source) continue;
    for (const declaration of module.declarations ?? []) {
      if (!declaration.tagName) continue;
      const node = source.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === declaration.name);
      const symbol = node?.name && checker.getSymbolAtLocation(node.name);
      if (!symbol) continue;
      // The instance type: inherited fields (`theme`, `api-base` from the base class) included.
      const instance = checker.getDeclaredTypeOfSymbol(symbol);
      for (const member of declaration.members ?? []) {
        if (member.kind !== 'field') continue;
        const property = checker.getPropertyOfType(instance, member.name);
        const values = property && stringLiterals(checker.getTypeOfSymbol(property));
        if (!values) continue;
        const parsedType = { text: unionText(values) };
        member.parsedType = parsedType;
        for (const attribute of declaration.attributes ?? []) if (attribute.fieldName === member.name) attribute.parsedType = parsedType;
        added++;
      }
    }
  }
  return added;
}

/** The Vite plugin: custom-elements.json, as Storybook's preview imports it, with `parsedType` added. */
export function manifestTypes(): Plugin {
  let root = process.cwd();
  return {
    name: 'porchlight-manifest-types',
    // Before Vite's JSON plugin turns the file into a module.
    enforce: 'pre',
    configResolved(config) {
      // Storybook's Vite root is the project (its `.storybook` folder's parent).
      root = existsSync(resolve(config.root, 'custom-elements.json')) ? config.root : process.cwd();
    },
    transform(code, id) {
      const file = id.split('?')[0]!;
      if (!file.endsWith('/custom-elements.json')) return null;
      const manifest = JSON.parse(code) as Manifest;
      try {
        addParsedTypes(manifest, root);
      } catch (error) {
        // The controls fall back to free text; the build (and the docs tables) still work.
        this.warn(`could not read the elements' field types: ${String(error)}`);
        return null;
      }
      // The element sources decide the options: a change there rebuilds the manifest in `storybook dev`.
      for (const module of manifest.modules ?? []) if (module.declarations?.some((d) => d.tagName)) this.addWatchFile(resolve(root, module.path));
      return { code: JSON.stringify(manifest), map: null };
    },
  };
}
