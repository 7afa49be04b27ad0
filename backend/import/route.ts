/**
 * `POST /office/import`: the same import as `porchlight-server import`, sent to a running server with
 * the office key — how a field-service system (or a nightly job) hands over the day's changes without
 * stopping the server, on SQLite as on PostgreSQL. One transaction in the server's own process: its
 * other requests wait their turn rather than fail.
 */
import { ApiError, json, type Route, type RouteContext } from '../http/http.js';
import { importInto } from './import-records.js';
import { problemText } from './records.js';

/** A day’s changes, or a few thousand customers (porchlight-server’s own cap on a body, 8 MB by default); a first load of a whole system is the command’s job. */
export const IMPORT_BODY_LIMIT = 8 * 1024 * 1024;

/**
 * Problems an answer lists: enough to fix a file from the top, not megabytes of the same mistake
 * (docs/rest-contract.md says 100). The message says how many more there are.
 */
const LISTED_PROBLEMS = 100;

export function importRoutes(requireOffice: (context: RouteContext) => void): Route[] {
  return [
    {
      method: 'POST',
      path: '/office/import',
      // The import lists every problem in the file, an unknown field among them.
      body: 'checked',
      maxBodyBytes: IMPORT_BODY_LIMIT,
      // 8 MB takes seconds; renames copied onto many jobs take longer. Never answered "try again"
      // (porchlight-server's 15 s) while the import goes on to commit.
      timeoutMs: 120_000,
      async handler(context) {
        requireOffice(context);
        const result = await importInto(context, await context.body());
        if (!result.ok) {
          const count = result.problems.length;
          const more = count - LISTED_PROBLEMS;
          const unlisted = more > 0 ? `: the first ${LISTED_PROBLEMS} are listed, ${more} more are not` : '';
          throw new ApiError(400, 'VALIDATION', `Nothing was imported: the records have ${count} problem${count === 1 ? '' : 's'}${unlisted}.`, {
            problems: result.problems.slice(0, LISTED_PROBLEMS).map(problemText),
          });
        }
        return json({ imported: result.counts, notes: result.notes });
      },
    },
  ];
}
