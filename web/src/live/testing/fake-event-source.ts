// A scriptable EventSource for tests: the test opens it, sends frames and fails it, as the browser
// would. `instances` records every one created, with the URL it was given.
import type { EventSourceLike } from '../live-stream';

export class FakeEventSource implements EventSourceLike {
  static readonly instances: FakeEventSource[] = [];
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  closed = false;
  private readonly listeners = new Map<string, ((ev: MessageEvent<string>) => void)[]>();

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }

  static reset(): void {
    FakeEventSource.instances.length = 0;
  }

  static last(): FakeEventSource {
    const es = FakeEventSource.instances.at(-1);
    if (es === undefined) throw new Error('no FakeEventSource opened');
    return es;
  }

  addEventListener(type: string, listener: (ev: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  /** One frame: `event:` name, `data:` text and its `id:`. */
  send(name: string, data: unknown, id?: string): void {
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    const ev = new MessageEvent<string>(name, { data: text, lastEventId: id ?? '' });
    for (const l of this.listeners.get(name) ?? []) l(ev);
  }

  /** A connection error: the browser retries (`reconnecting`) or has given up (`closed`). */
  fail(giveUp: boolean): void {
    this.readyState = giveUp ? 2 : 0;
    const ev = new Event('error');
    // EventSource dispatches connection errors to `error` listeners too, with no data.
    for (const l of this.listeners.get('error') ?? []) l(ev as MessageEvent<string>);
    this.onerror?.(ev);
  }
}
