import { type ClientRequest, type IncomingMessage, request } from 'node:http';

/** One parsed SSE frame: its fields, or a comment. */
export interface SseFrame {
  readonly id?: string;
  readonly event?: string;
  readonly data?: string;
  readonly retry?: string;
  readonly comment?: string;
}

/** Parses complete frames (`\n\n`-terminated) of an SSE body. */
export function parseFrames(text: string): SseFrame[] {
  const frames: SseFrame[] = [];
  for (const block of text.split('\n\n').slice(0, -1)) {
    const frame: Record<string, string> = {};
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) frame.comment = line.slice(1).trim();
      else {
        const i = line.indexOf(':');
        frame[line.slice(0, i)] = line.slice(i + 1).replace(/^ /, '');
      }
    }
    frames.push(frame);
  }
  return frames;
}

/** A raw HTTP client on `/api/stream`: collects the body and waits for frames. */
export class SseTestClient {
  text = '';
  response: IncomingMessage | null = null;
  private readonly req: ClientRequest;
  private waiters: (() => void)[] = [];
  private ended = false;

  constructor(url: string, headers: Record<string, string>) {
    this.req = request(url, { headers });
    this.req.on('response', (res) => {
      this.response = res;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        this.text += chunk;
        this.wake();
      });
      res.on('close', () => {
        this.ended = true;
        this.wake();
      });
    });
    this.req.on('error', () => {
      this.ended = true;
      this.wake();
    });
    this.req.end();
  }

  get frames(): SseFrame[] {
    return parseFrames(this.text);
  }

  /** Resolves once `done(frames)` holds; rejects if the stream ends first. */
  async until(done: (frames: SseFrame[]) => boolean): Promise<SseFrame[]> {
    for (;;) {
      const frames = this.frames;
      if (done(frames)) return frames;
      if (this.ended) throw new Error(`stream ended before the condition; got ${this.text}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Resolves when the server closes the stream. */
  async closed(): Promise<void> {
    while (!this.ended) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.req.destroy();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
