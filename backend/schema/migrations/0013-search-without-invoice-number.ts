/**
 * A job's search text no longer holds its invoice's number (rules/history.ts matches that apart, and only
 * for an invoice the caller may see): written again for every job, so a hidden invoice's number cannot be
 * found digit by digit through the history search of a database made before. A page of ids at a time.
 */
import type { Kysely, Migration } from 'kysely';
import type { Database } from '../database.js';
import { rewriteSearchText } from '../../import/import-records.js';

const PAGE = 1_000;

export const searchWithoutInvoiceNumberMigration: Migration = {
  async up(untyped: Kysely<unknown>) {
    const db = untyped as Kysely<Database>;
    let after = '';
    for (;;) {
      const ids = (await db.selectFrom('jobs').select('id').where('id', '>', after).orderBy('id').limit(PAGE).execute()).map((row) => row.id);
      if (ids.length === 0) return;
      await rewriteSearchText(db, ids);
      after = ids.at(-1)!;
    }
  },
  // Nothing to undo: the older servers' search reads the text as it is, without the number.
  async down() {},
};
