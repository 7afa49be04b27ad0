/**
 * Keys a saved body may carry: those its schema names, at every level that has a fixed set of them.
 * A schema alone drops a key it does not know, so a misspelt setting (`onlinePaymentEnabled`) would be
 * saved as nothing and answer 200 with the real one unchanged; here it is a 400 that names it.
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
 * The first key in `value` its schema does not name, as a path (`links.payLinkMaxDay`), or null. Values
 * of the wrong type are left to the schema's own check. Own keys are looked up with `Object.hasOwn`, so
 * `__proto__` and `constructor` are unknown like any other misspelling.
 */
export function unknownKey(value: unknown, schema: Schema, path = ''): string | null {
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
        if (!known) return join(path, key);
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
  const key = unknownKey(value, schema);
  if (key === null) return;
  // A language the elements do not speak is the likeliest unknown key under translations: name the ones there are.
  const languages = /(^|\.)translations\.[^.]+$/.test(key) ? ' Translations are given for en or es.' : '';
  throw new ApiError(400, 'VALIDATION', `There is no ${what} "${key}". Check its spelling against what ${source} answers.${languages}`, { field: key });
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
