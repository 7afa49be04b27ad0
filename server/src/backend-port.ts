/**
 * What the server needs from the reference backend, and nothing more: the server wires HTTP to it and
 * never decides a rule. `ReferenceBackend` (backend/backend.ts) is the real one; tests use a fake.
 */
export interface HandleContext {
  /** The client's address, as the server sees it (the socket's, or a trusted proxy's X-Forwarded-For). */
  clientAddress?: string;
  /** Told of a failure the backend did not expect (it answers 500), secrets already taken out: logged with the request's id. */
  onUnexpected?: (reason: string) => void;
}

export interface BackendPort {
  /** The REST contract as a `Request → Response` function. May answer `Response.error()`: drop the connection. */
  handle(request: Request, context?: HandleContext): Promise<Response>;
  /** Resolves when the database answers; throws when it cannot be reached. */
  ping(): Promise<void>;
  /** The contractor's site origins (`https://<hostname setting>` and the configured link origins): CORS allows these only. */
  allowedOrigins(): Promise<string[]>;
  /** The most a request to this method and path may carry, in bytes (its route's limit): the server receives no more. */
  bodyLimitFor?(method: string, pathname: string): number;
  /** Why a request to an office route is refused from its headers alone (the office key), else null: asked before the body is read. */
  officeRefusal?(method: string, pathname: string, headers: Headers): string | null;
  /** How long a request to this method and path may take, when its route allows longer than the server's request timeout. */
  timeoutFor?(method: string, pathname: string): number | undefined;
}
