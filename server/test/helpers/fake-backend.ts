/** A stand-in for the reference backend: records what reaches it and answers as a test says. */
import type { BackendPort, HandleContext } from '../../src/backend-port.js';
import type { LogLine } from '../../src/log.js';

export interface Received {
  method: string;
  url: string;
  headers: Headers;
  body: string;
  context?: HandleContext;
}

export class FakeBackend implements BackendPort {
  received: Received[] = [];
  originsAsked = 0;
  origins = ['https://www.northwind.example'];
  /** Replace to answer differently; the default echoes a small JSON object. */
  reply: (request: Request) => Response | Promise<Response> = () => Response.json({ ok: true });
  ping: () => Promise<void> = async () => {};
  /** The most a request may carry (BackendPort.bodyLimitFor); unset, the server's own cap holds. */
  bodyLimitFor?: (method: string, pathname: string) => number;
  /** An office call refused from its headers (BackendPort.officeRefusal); unset, none is. */
  officeRefusal?: (method: string, pathname: string, headers: Headers) => string | null;
  /** How long a route may take (BackendPort.timeoutFor); unset, the server's request timeout holds. */
  timeoutFor?: (method: string, pathname: string) => number | undefined;

  async handle(request: Request, context?: HandleContext): Promise<Response> {
    const body = request.body ? await request.text() : '';
    this.received.push({ method: request.method, url: request.url, headers: request.headers, body, context });
    return this.reply(request);
  }

  async allowedOrigins() {
    this.originsAsked++;
    return this.origins;
  }
}

/** A logger that keeps its lines, for assertions. */
export function memoryLog() {
  const lines: LogLine[] = [];
  return { lines, log: (line: LogLine) => void lines.push(JSON.parse(JSON.stringify(line)) as LogLine) };
}

export const never = () => new Promise<never>(() => {});

export function delay(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
