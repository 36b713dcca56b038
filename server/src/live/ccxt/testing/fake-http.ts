// The HTTP shell shared by the venue fakes: a node:http server on 127.0.0.1 (port 0), a request
// log, fault injection (5xx, 429, a dropped connection after the work was done) and a record of
// paths no route served, so a missing endpoint shows up in the test's failure instead of a hang.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  /** The raw query string without `?` ('' when none), exactly as sent: signatures cover it. */
  readonly rawQuery: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface FakeResponse {
  readonly status: number;
  /** A string is sent as text/plain, anything else as JSON. */
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A route answers, or says the request is not its business (`undefined`). */
export type FakeHandler = (req: FakeRequest) => FakeResponse | undefined;

export type Fault =
  | { readonly kind: 'status'; readonly status: number; readonly headers?: Record<string, string> }
  /** The handler runs (the order exists at the venue), then the connection is destroyed. */
  | { readonly kind: 'drop-after' };

interface ArmedFault {
  readonly method: string;
  readonly path: string;
  readonly fault: Fault;
}

export class FakeHttpServer {
  readonly log: { method: string; path: string; status: number }[] = [];
  readonly unhandled: string[] = [];
  private readonly _faults: ArmedFault[] = [];
  private readonly _server: Server;

  constructor(private readonly _handler: FakeHandler) {
    this._server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = req.url ?? '/';
        const q = url.indexOf('?');
        const rawQuery = q < 0 ? '' : url.slice(q + 1);
        const request: FakeRequest = {
          method: req.method ?? 'GET',
          path: q < 0 ? url : url.slice(0, q),
          rawQuery,
          query: new URLSearchParams(rawQuery),
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        const fault = this._takeFault(request);
        if (fault?.kind === 'status') {
          this.log.push({ method: request.method, path: request.path, status: fault.status });
          res.writeHead(fault.status, { 'content-type': 'text/plain', ...fault.headers });
          res.end('Service Unavailable');
          return;
        }
        const answer = this._handler(request);
        const response = answer ?? { status: 404, body: { error: 'no such route in the fake' } };
        if (answer === undefined) this.unhandled.push(`${request.method} ${request.path}`);
        this.log.push({ method: request.method, path: request.path, status: response.status });
        if (fault?.kind === 'drop-after') {
          req.socket.destroy();
          return;
        }
        const text = typeof response.body === 'string';
        const type = text ? 'text/plain' : 'application/json';
        res.writeHead(response.status, { 'content-type': type, ...response.headers });
        res.end(text ? response.body : JSON.stringify(response.body));
      });
    });
  }

  /** Arms a fault for the next request matching method and path. */
  failNext(method: string, path: string, fault: Fault): void {
    this._faults.push({ method, path, fault });
  }

  /** Requests that arrived for this method and path, faulted ones included. */
  count(method: string, path: string): number {
    return this.log.filter((l) => l.method === method && l.path === path).length;
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this._server.listen(0, '127.0.0.1', resolve));
    const { port } = this._server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    this._server.closeAllConnections();
    await new Promise<void>((resolve) => this._server.close(() => resolve()));
  }

  private _takeFault(req: FakeRequest): Fault | undefined {
    const i = this._faults.findIndex((f) => f.method === req.method && f.path === req.path);
    if (i < 0) return undefined;
    const [armed] = this._faults.splice(i, 1);
    return armed?.fault;
  }
}

/** Parses a JSON request body into a string-keyed record; `{}` when empty or not an object. */
export function jsonBody(req: FakeRequest): Record<string, unknown> {
  if (req.body === '') return {};
  const parsed: unknown = JSON.parse(req.body);
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}

/** A string field of a parsed body, or undefined. */
export function str(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  return typeof v === 'string' ? v : undefined;
}

/** Formats a number the way venues send decimals: a plain string. */
export function dec(n: number): string {
  return String(Number(n.toPrecision(12)));
}
