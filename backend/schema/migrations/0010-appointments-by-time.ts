/**
 * The office's list of visits (`GET /office/appointments`) walks appointments by arrival window, a page
 * at a time: this index serves that order. Its times must compare as text in time order, so every stored
 * instant is written as UTC (`2026-11-18T14:00:00.000Z`, rows.ts `jobRows`); instants an import stored
 * with the offset it was given (`…T08:00:00-06:00`, before they were written in UTC) are rewritten here.
 */
import type { Kysely, Migration } from 'kysely';

const BATCH = 500;
/** An instant as the model takes it (src/model/common.ts, isoDateTime): with Z or an offset. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The instant in UTC. Anything else (never written by the portal: a zone-less time the engine would read
 * in the server's own zone, or no date at all) is left as it is, rather than guessed at or failing the
 * server's start.
 */
function inUtc(value: string): string {
  return INSTANT.test(value) && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : value;
}
const columns = ['start_at', 'end_at', 'window_start', 'window_end'] as const;
type Instants = Record<(typeof columns)[number], string> & { id: string };

export const appointmentsByTimeMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const appointments = db as unknown as Kysely<{ appointments: Instants }>;
    for (let after = ''; ; ) {
      const rows = await appointments.selectFrom('appointments').select(['id', ...columns]).where('id', '>', after).orderBy('id').limit(BATCH).execute();
      for (const row of rows) {
        const utc = Object.fromEntries(columns.map((column) => [column, inUtc(row[column])]));
        if (columns.some((column) => utc[column] !== row[column])) {
          await appointments.updateTable('appointments').set(utc).where('id', '=', row.id).execute();
        }
      }
      if (rows.length < BATCH) break;
      after = rows.at(-1)!.id;
    }
    await db.schema.createIndex('appointments_by_time').on('appointments').columns(['window_start', 'id']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('appointments_by_time').ifExists().execute();
  },
};
