/**
 * Keyset paging: the rows after a position in a list's order, so a page costs the same however deep
 * the list. With the order (a, b, c) ascending: `a > x OR (a = x AND b > y) OR (a = x AND b = y AND c > z)`.
 * Written out rather than as a row value `(a, b, c) > (x, y, z)`, which SQLite reads but does not
 * walk an index by past the first column.
 */
import type { Expression, ExpressionBuilder, ReferenceExpression, SqlBool } from 'kysely';

export function afterPosition<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  order: 'asc' | 'desc',
  position: readonly (readonly [column: ReferenceExpression<DB, TB>, value: unknown])[],
): Expression<SqlBool> {
  const past = order === 'asc' ? '>' : '<';
  return eb.or(
    position.map(([column, value], i) =>
      eb.and([...position.slice(0, i).map(([same, equal]) => eb(same, '=', equal as never)), eb(column, past, value as never)]),
    ),
  );
}
