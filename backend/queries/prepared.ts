/**
 * Queries built and compiled once, then run with new values. Building a Kysely query (immutable
 * nodes, one copy per `.where`) and compiling it to SQL costs more than SQLite takes to run an indexed
 * lookup: on the signed-in request path every query pays it again for the same SQL text. A prepared
 * query builds its SQL the first time, with placeholders standing in for the values, and afterwards
 * only swaps the values into the compiled query's parameters (Kysely's "splitting build, compile and
 * execute" recipe). The SQL still comes from the query builder, so it is right for each engine.
 *
 * A builder sees placeholders, never the real values: it may not branch on a value. It may branch
 * on the length of a list (an empty `IN` list, an optional condition), since the length is part of
 * what a compiled query is kept under, and on the `variant` the caller names.
 */
import type { CompiledQuery, Compilable } from 'kysely';
import type { Queryable } from '../dialects/portal-database.js';

/** A value of a prepared query: a scalar, or a list (each element becomes its own parameter). */
export type PreparedValues = Record<string, string | number | null | readonly (string | number)[]>;

/** Stands for a value (or one element of a list) in the parameters of a compiled query. */
class Placeholder {
  constructor(
    readonly name: string,
    readonly index: number | null,
  ) {}
}

export interface PreparedQuery<V extends PreparedValues, O> {
  /** Every row. */
  all(db: Queryable, values: V, variant?: string): Promise<O[]>;
  /** The first row, or undefined. */
  first(db: Queryable, values: V, variant?: string): Promise<O | undefined>;
}

/**
 * Compiled queries per engine: the SQL depends on it. They are kept under the dialect adapter of a
 * Kysely instance, which its transactions and held connections share, so a query compiled once
 * serves all of them. (A SQLite read snapshot's reader is a Kysely of its own: it compiles once more.)
 */
const compiledBy = new WeakMap<object, Map<string, CompiledQuery>>();
/** Past this many compiled queries for one engine (lists of many lengths), the oldest is dropped and compiled again when needed. */
const MAX_SHAPES = 2000;

let nextQueryName = 0;

export function preparedQuery<V extends PreparedValues, O>(
  build: (db: Queryable, values: V, variant: string) => Compilable<O>,
): PreparedQuery<V, O> {
  const name = `q${nextQueryName++}`;

  function compiled(db: Queryable, values: V, variant: string): CompiledQuery {
    const lengths = Object.keys(values).map((key) => {
      const value = values[key];
      return Array.isArray(value) ? `${key}[${value.length}]` : key;
    });
    const key = `${name}|${variant}|${lengths.join(',')}`;
    const engine = db.getExecutor().adapter;
    let cache = compiledBy.get(engine);
    if (!cache) compiledBy.set(engine, (cache = new Map()));
    let query = cache.get(key);
    if (!query) {
      const placeholders = Object.fromEntries(
        Object.entries(values).map(([key, value]) => [
          key,
          Array.isArray(value) ? value.map((_, i) => new Placeholder(key, i)) : new Placeholder(key, null),
        ]),
      ) as unknown as V;
      query = build(db, placeholders, variant).compile();
      // A placeholder anywhere but the parameters (turned into SQL text) would run with the wrong value.
      if (query.sql.includes('[object Object]')) throw new Error(`Prepared query ${name}: a value was written into the SQL text.`);
      if (cache.size >= MAX_SHAPES) cache.delete(cache.keys().next().value!);
      cache.set(key, query);
    }
    return query;
  }

  function withValues(query: CompiledQuery, values: V): CompiledQuery {
    const parameters = query.parameters.map((parameter) => {
      if (!(parameter instanceof Placeholder)) return parameter;
      const value = values[parameter.name];
      return parameter.index === null ? value : (value as readonly unknown[])[parameter.index];
    });
    return { ...query, parameters };
  }

  async function all(db: Queryable, values: V, variant = ''): Promise<O[]> {
    const result = await db.executeQuery<O>(withValues(compiled(db, values, variant), values));
    return result.rows;
  }

  return {
    all,
    first: async (db, values, variant) => (await all(db, values, variant))[0],
  };
}
