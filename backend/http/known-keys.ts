/**
 * Keys a body may carry: those its route names (`Route.body`), or its schema names, at every level that
 * has a fixed set of them. A route or schema alone drops a key it does not know, so a misspelt setting
 * (`onlinePaymentEnabled`) would be saved as nothing and answer 200 with the real one unchanged, and a
 * link sent with `pageURL` would open the default page; here each is a 400 that names it.
 */
import { ApiError } from './http.js';

/** The little of a zod schema's definition (`_zod.def`, the same in zod and zod/mini) this reads. */
interface SchemaDef {
  type: string;
  shape?: Record<string, Schema>;
  catchall?: Schema;
  innerType?: Schema;
  element?: Schema;
  valueType?: Schema;
  in?: Schema;
}
interface Schema {
  _zod: { def: SchemaDef };
}

/** A JSON object: not null, not an array. */
export const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * The fields a request body takes, named by its route: `true` for a field whose value the route reads
 * and checks itself (keys inside it included), a shape for an object whose keys are fixed, `[shape]`
 * for a list of such objects, or a zod schema, whose objects name their keys at every level.
 */
export type BodyShape = Schema | { readonly [field: string]: true | BodyShape | readonly [BodyShape] };

const isSchema = (shape: BodyShape): shape is Schema => Object.hasOwn(shape, '_zod');

/** A field the route does not take: its path, and the fields taken where it was found. */
export interface StrayField {
  path: string;
  known: string[];
}

/** The first field in `value` its route's shape does not name, or null. Values of the wrong type are the route's to refuse. */
export function strayField(value: unknown, shape: BodyShape, path = ''): StrayField | null {
  if (isSchema(shape)) return unknownKey(value, shape, path);
  if (!isPlainObject(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    const known = Object.hasOwn(shape, key) ? shape[key]! : undefined;
    if (!known) return { path: join(path, key), known: Object.keys(shape) };
    if (known === true) continue;
    if (Array.isArray(known)) {
      if (!Array.isArray(item)) continue;
      for (let i = 0; i < item.length; i++) {
        const found = strayField(item[i], (known as readonly [BodyShape])[0], join(join(path, key), String(i)));
        if (found) return found;
      }
      continue;
    }
    const found = strayField(item, known as BodyShape, join(path, key));
    if (found) return found;
  }
  return null;
}

/**
 * Refuses a request body with a field its route does not take, naming it and the ones it could be
 * (a long key is cut: it is echoed back).
 */
export function refuseStrayFields(body: unknown, shape: BodyShape): void {
  const stray = strayField(body, shape);
  if (!stray) return;
  const name = stray.path.length > 60 ? `${stray.path.slice(0, 60)}…` : stray.path;
  const parent = stray.path.includes('.') ? stray.path.slice(0, stray.path.lastIndexOf('.')).replace(/\.\d+$/, '') : '';
  const takes = stray.known.length === 0 ? 'takes no fields' : `takes ${stray.known.join(', ')}`;
  throw new ApiError(400, 'VALIDATION', `There is no "${name}" in this request: ${parent ? `"${parent}" ` : 'it '}${takes}.`, { field: stray.path });
}

/**
 * The first key in `value` its schema does not name, as a path (`links.payLinkMaxDay`), with the keys
 * named where it was found, or null. Values
 * of the wrong type are left to the schema's own check. Own keys are looked up with `Object.hasOwn`, so
 * `__proto__` and `constructor` are unknown like any other misspelling.
 */
export function unknownKey(value: unknown, schema: Schema, path = ''): StrayField | null {
  const def = schema._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return def.innerType ? unknownKey(value, def.innerType, path) : null;
    case 'pipe':
      return def.in ? unknownKey(value, def.in, path) : null;
    case 'array':
      if (!Array.isArray(value) || !def.element) return null;
      for (let i = 0; i < value.length; i++) {
        const found = unknownKey(value[i], def.element, join(path, String(i)));
        if (found) return found;
      }
      return null;
    case 'record':
      if (!isPlainObject(value) || !def.valueType) return null;
      for (const [key, item] of Object.entries(value)) {
        const found = unknownKey(item, def.valueType, join(path, key));
        if (found) return found;
      }
      return null;
    case 'object': {
      if (!isPlainObject(value) || !def.shape) return null;
      // A loose object (a catchall other than never) takes any key: its values follow the catchall.
      const open = def.catchall && def.catchall._zod.def.type !== 'never' ? def.catchall : null;
      for (const [key, item] of Object.entries(value)) {
        const known = Object.hasOwn(def.shape, key) ? def.shape[key]! : open;
        if (!known) return { path: join(path, key), known: Object.keys(def.shape) };
        const found = unknownKey(item, known, join(path, key));
        if (found) return found;
      }
      return null;
    }
    default:
      return null;
  }
}

/**
 * Refuses a body with a key its schema does not name: `what` is what the keys are ("setting"), `source`
 * where the right names are to be read (the GET that answers the whole set).
 */
export function refuseUnknownKeys(value: unknown, schema: Schema, what: string, source: string): void {
  const key = unknownKey(value, schema)?.path;
  if (key === undefined) return;
  // A language the elements do not speak is the likeliest unknown key under translations: name the ones there are.
  const languages = /(^|\.)translations\.[^.]+$/.test(key) ? ' Translations are given for en or es.' : '';
  throw new ApiError(400, 'VALIDATION', `There is no ${what} "${key}". Check its spelling against what ${source} answers.${languages}`, { field: key });
}

/** A schema issue, as zod and zod/mini report it: the little of it `whatIsWrong` reads. */
export interface SchemaIssue {
  code: string;
  minimum?: unknown;
  maximum?: unknown;
  expected?: unknown;
  values?: readonly unknown[];
  origin?: unknown;
}

/** How a JSON value of the `expected` kind is named to the person who wrote the request. */
const KIND_WORDS: Record<string, string> = {
  string: 'text',
  int: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/**
 * A schema's issue in words the office can act on, after the field's name: the bound it crossed, the
 * values it may take, or the kind of value it should be ("must be at least 1", "must not be empty",
 * "must be one of "Active", "Expired"", "must be text").
 */
export function whatIsWrong(issue: SchemaIssue): string {
  const counted = issue.origin === 'string' ? 'character' : issue.origin === 'array' ? 'item' : null;
  const bound = (limit: unknown) => (counted ? `${String(limit)} ${counted}${limit === 1 ? '' : 's'}` : String(limit));
  if (issue.code === 'too_small' && counted && issue.minimum === 1) return 'must not be empty';
  if (issue.code === 'too_small' && issue.minimum !== undefined) return `must be at least ${bound(issue.minimum)}`;
  if (issue.code === 'too_big' && issue.maximum !== undefined) return `must be at most ${bound(issue.maximum)}`;
  if (issue.code === 'invalid_value' && issue.values?.length) return `must be ${issue.values.length === 1 ? '' : 'one of '}${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
  if (issue.code === 'invalid_type' && typeof issue.expected === 'string') return `must be ${KIND_WORDS[issue.expected] ?? issue.expected}`;
  return 'is not valid';
}

/** What `body` holds at `path` (a schema issue's), or undefined where it holds nothing: a field left out. */
export function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
