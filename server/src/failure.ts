/**
 * A failure said with what the server was doing: a driver's or the system's words alone ("unable to
 * open database file", "EISDIR: illegal operation on a directory") name no file and no database.
 */
export function failure(doing: string, error: unknown): Error {
  return new Error(`${doing}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
