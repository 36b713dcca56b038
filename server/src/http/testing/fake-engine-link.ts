import type {
  CommandAck,
  EngineEvent,
  EngineLink,
  EngineQuery,
  EngineStatus,
  OrderCommandFields,
} from '../../engine-process/engine-link';
import type { ExecReport } from '../../live/venue-adapter';

/** An EngineLink for tests: records what it is asked, answers as the test sets, emits at will. */
export class FakeEngineLink implements EngineLink {
  readonly orders: OrderCommandFields[] = [];
  readonly cancels: string[] = [];
  readonly queries: EngineQuery[] = [];
  state: EngineStatus = { state: 'running', pid: 4242, since: 0 };
  onOrder: (cmd: OrderCommandFields) => Promise<CommandAck> = async (cmd) => ({
    clientOrderId: cmd.clientOrderId ?? 'gen-1',
    status: 'ACCEPTED',
  });
  onCancel: (id: string) => Promise<CommandAck> = async (id) => ({
    clientOrderId: id,
    status: 'CANCELLED',
  });
  onQuery: (q: EngineQuery) => Promise<readonly EngineEvent[]> = async () => [];
  private readonly listeners = new Set<(event: EngineEvent) => void>();

  order(cmd: OrderCommandFields): Promise<CommandAck> {
    this.orders.push(cmd);
    return this.onOrder(cmd);
  }

  cancel(clientOrderId: string): Promise<CommandAck> {
    this.cancels.push(clientOrderId);
    return this.onCancel(clientOrderId);
  }

  query(q: EngineQuery): Promise<readonly EngineEvent[]> {
    this.queries.push(q);
    return this.onQuery(q);
  }

  async exec(_report: ExecReport): Promise<readonly EngineEvent[]> {
    return [];
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): EngineStatus {
    return this.state;
  }

  /** Prints an event, as the engine would. */
  emit(event: EngineEvent): void {
    for (const l of this.listeners) l(event);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  /** Commands that reached the engine (what a refused request must never add to). */
  get commandCount(): number {
    return this.orders.length + this.cancels.length;
  }
}
