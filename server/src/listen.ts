/**
 * The app on a real socket, and a graceful stop: stop accepting, let what is in flight finish (up to
 * a deadline), then close what is left. The caller closes the database after.
 */
import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { InputError } from './config.js';

export interface ListenOptions {
  fetch: (request: Request, env: never) => Response | Promise<Response>;
  port: number;
  host: string;
}

export interface RunningServer {
  server: Server;
  /** `http://host:port`, with the port actually bound (0 asks for any free one). */
  url: string;
  port: number;
  /**
   * Stops accepting connections, waits for the requests in flight (at most `deadlineMs`), then ends
   * every connection still open. Resolves once the server is closed.
   */
  close(deadlineMs: number): Promise<{ forced: boolean }>;
}

/**
 * Why a server could not listen, in one sentence on what to do (an address in use, a port that needs
 * privileges), as an InputError; anything else as it is.
 */
function listenFailure(error: unknown, port: number, host: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new InputError(`port ${port} on ${host} is in use by another program: stop it, or choose another port with --port (or PORT).`);
  }
  if (code === 'EACCES') return new InputError(`port ${port} on ${host} needs privileges this user does not have: choose a port above 1023 with --port (or PORT).`);
  if (code === 'EADDRNOTAVAIL') return new InputError(`${host} is not an address of this machine: choose another with --host (or HOST).`);
  return error;
}

/**
 * Whether the server could listen there, tried before anything else starts (the database opened and
 * migrated, an office key made): a server that cannot listen must not half-start. Throws listen's
 * InputError when it cannot. Best effort: another program may take the port between this probe and
 * `listen`, which then fails with the same sentence; `run` closes the database and lets its lock go,
 * but by then the database is migrated (and a generated office key kept and shown).
 */
export async function checkListenable(port: number, host: string): Promise<void> {
  // Port 0 takes any free port: nothing to check.
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(listenFailure(error, port, host)));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

export async function listen({ fetch, port, host }: ListenOptions): Promise<RunningServer> {
  const server = createAdaptorServer({ fetch: fetch as never }) as Server;
  // A client that sends its headers slowly must not hold a connection for long.
  server.headersTimeout = 20_000;
  // The whole request, body included. An appointment request with its photos is up to 6 MB, and a
  // phone on a weak connection (250 KB/s, or far less) must be able to send it: Node's default of
  // 5 minutes lets 8 MB through at about 30 KB/s. The slow-headers defence above stays short.
  server.requestTimeout = 300_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    const failed = (error: unknown) => reject(listenFailure(error, port, host));
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<{ forced: boolean }> | undefined;
  return {
    server,
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    close(deadlineMs) {
      closing ??= new Promise((resolve) => {
        let forced = false;
        const deadline = setTimeout(() => {
          forced = true;
          server.closeAllConnections();
        }, deadlineMs);
        server.close(() => {
          clearTimeout(deadline);
          resolve({ forced });
        });
        // Keep-alive connections with no request in flight are closed now; busy ones close after
        // their answer (the app sends `Connection: close` while shutting down).
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
