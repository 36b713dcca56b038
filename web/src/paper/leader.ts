// Tab leadership for the paper engine: one tab (the leader) holds the engine and its WAL; the
// others follow its events and send it commands. The leader is whoever holds an exclusive Web
// Lock; the others wait on the same lock, so when the leader's tab closes or dies the browser
// hands the lock, and the engine, to the next tab. Messages travel on a BroadcastChannel.
// Nothing here knows the engine: commands, replies and events are type parameters.

/** A tab's part: waiting for the lock, holding it, or gone. */
export type TabRole = 'follower' | 'leader' | 'closed';

/** Why a command sent to the leader failed. */
export type TabCommandFailure = 'timeout' | 'leader_left' | 'refused' | 'closed';

/** A command that did not get a value back from the leader; `code` says why. */
export class TabCommandError extends Error {
  override readonly name = 'TabCommandError';
  constructor(
    readonly code: TabCommandFailure,
    message: string,
  ) {
    super(message);
  }
}

/** True for a `TabCommandError`. */
export const isTabCommandError = (e: unknown): e is TabCommandError => e instanceof TabCommandError;

/** The part of `LockManager` used here (`navigator.locks`). */
export interface LockManagerLike {
  request(
    name: string,
    options: { mode: 'exclusive'; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<unknown>;
}

/** The part of `BroadcastChannel` used here. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (ev: { data: unknown }) => void): void;
  close(): void;
}

/** What crosses the channel. Replies go to every tab; only `to` takes them. */
export type TabMessage<C, R, E> =
  | { readonly type: 'who_leads'; readonly tab: string }
  | { readonly type: 'leader_elected'; readonly tab: string }
  | { readonly type: 'leader_left'; readonly tab: string }
  | { readonly type: 'event'; readonly tab: string; readonly event: E }
  | { readonly type: 'command'; readonly tab: string; readonly id: number; readonly command: C }
  | { readonly type: 'reply'; readonly to: string; readonly id: number; readonly value: R }
  | { readonly type: 'refusal'; readonly to: string; readonly id: number; readonly error: string };

/** Options of `TabLeadership`. */
export interface TabLeadershipOptions<C, R, E> {
  /** Lock and channel name; one per account (default `veloz-paper`). */
  readonly name?: string;
  /** Runs a command in the leader (for any tab); a throw or rejection is sent back as a refusal. */
  readonly onCommand: (command: C) => R | Promise<R>;
  /** Every event the leader publishes, in every tab (the leader's own included), in order. */
  readonly onEvent?: (event: E) => void;
  /**
   * In every tab, when a tab (this one included) becomes the leader, and in a new tab for the
   * leader it finds: followers fetch the state from the leader, which recovered it from the WAL.
   */
  readonly onLeaderElected?: (tabId: string) => void;
  /** Called when this tab's role changes. */
  readonly onRoleChange?: (role: TabRole) => void;
  /** A command without a reply fails after this long (default 10 000 ms). */
  readonly commandTimeoutMs?: number;
  /** Default `navigator.locks`. */
  readonly locks?: LockManagerLike;
  /** Default `new BroadcastChannel(name)`. */
  readonly openChannel?: (name: string) => ChannelLike;
  /** Default a random UUID. */
  readonly tabId?: string;
}

interface Pending<R> {
  readonly resolve: (value: R) => void;
  readonly reject: (error: TabCommandError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * This tab's membership: queues for the leader lock at once and holds it until `close()` or the
 * tab's end. `send` runs a command on the leader wherever it is; `publish` (leader only) sends an
 * event to every tab.
 */
export class TabLeadership<C, R, E> {
  readonly tabId: string;
  readonly name: string;
  /** Resolves when this tab becomes the leader (never, if it closes first). */
  readonly elected: Promise<void>;
  private readonly _o: TabLeadershipOptions<C, R, E>;
  private readonly _channel: ChannelLike;
  private readonly _abort = new AbortController();
  private readonly _pending = new Map<number, Pending<R>>();
  private _role: TabRole = 'follower';
  private _leaderTab: string | null = null;
  private _nextId = 1;
  private _release: () => void = () => {};

  constructor(options: TabLeadershipOptions<C, R, E>) {
    this._o = options;
    this.name = options.name ?? 'veloz-paper';
    this.tabId = options.tabId ?? crypto.randomUUID();
    this._channel = (options.openChannel ?? ((n) => new BroadcastChannel(n)))(this.name);
    this._channel.addEventListener('message', (ev) => this._receive(ev.data));
    // A tab that opens after the election asks who leads; the leader answers `leader_elected`.
    this._post({ type: 'who_leads', tab: this.tabId });
    const locks = options.locks ?? navigator.locks;
    let elected: () => void = () => {};
    this.elected = new Promise((resolve) => {
      elected = resolve;
    });
    locks
      .request(this.name, { mode: 'exclusive', signal: this._abort.signal }, () => {
        if (this._role === 'closed') return Promise.resolve();
        const held = new Promise<void>((resolve) => {
          this._release = resolve;
        });
        this._become('leader');
        elected();
        return held;
      })
      // Rejects with an AbortError when a follower closes while queued: nothing to do.
      .catch(() => {});
  }

  /** This tab's current role. */
  get role(): TabRole {
    return this._role;
  }

  /** The tab known to lead (this one's id when it leads), null before any word of one. */
  get leaderTab(): string | null {
    return this._leaderTab;
  }

  /** Leader only: delivers `event` to every tab, this one first. */
  publish(event: E): void {
    if (this._role !== 'leader') throw new Error(`publish from a ${this._role} tab`);
    this._o.onEvent?.(event);
    this._post({ type: 'event', tab: this.tabId, event });
  }

  /**
   * Runs `command` on the leader: here when this tab leads, else over the channel. Rejects with
   * a `TabCommandError`: `refused` (the handler threw; its message), `timeout` (no leader
   * answered: none yet, or it died), `leader_left` (it closed, or this tab took over, before
   * replying: the command may or may not have run) or `closed`.
   */
  async send(command: C): Promise<R> {
    if (this._role === 'closed')
      throw new TabCommandError('closed', 'this tab left the paper session');
    if (this._role === 'leader') {
      try {
        return await this._o.onCommand(command);
      } catch (e) {
        throw new TabCommandError('refused', messageOf(e));
      }
    }
    const id = this._nextId++;
    const timeoutMs = this._o.commandTimeoutMs ?? 10_000;
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        this._pending.delete(id);
        reject(
          new TabCommandError(
            'timeout',
            `no reply from the leader tab within ${timeoutMs} ms (command ${id}): no tab holds the paper engine, or it stopped responding`,
          ),
        );
      }, timeoutMs);
      this._pending.set(id, { resolve, reject, timer });
      this._post({ type: 'command', tab: this.tabId, id, command });
    });
  }

  /** Leaves: releases or stops waiting for the lock, fails pending commands, closes the channel. */
  close(): void {
    if (this._role === 'closed') return;
    const wasLeader = this._role === 'leader';
    if (wasLeader) this._post({ type: 'leader_left', tab: this.tabId });
    this._failPending('closed', 'this tab left the paper session');
    this._become('closed');
    this._channel.close();
    this._abort.abort();
    this._release();
  }

  private _become(role: TabRole): void {
    this._role = role;
    if (role === 'leader') {
      // Commands this tab sent as a follower went to a leader that is gone.
      this._failPending(
        'leader_left',
        'the leader tab left before replying; this tab leads now (the command may have run)',
      );
      this._post({ type: 'leader_elected', tab: this.tabId });
    }
    this._o.onRoleChange?.(role);
    if (role === 'leader') this._learnLeader(this.tabId);
  }

  /** Records the leader and tells the page, once per leader. */
  private _learnLeader(tab: string): void {
    if (this._leaderTab === tab) return;
    this._leaderTab = tab;
    this._o.onLeaderElected?.(tab);
  }

  private _post(m: TabMessage<C, R, E>): void {
    this._channel.postMessage(m);
  }

  private _failPending(code: TabCommandFailure, message: string): void {
    for (const [id, p] of this._pending) {
      clearTimeout(p.timer);
      p.reject(new TabCommandError(code, `${message} (command ${id})`));
    }
    this._pending.clear();
  }

  private _receive(data: unknown): void {
    if (this._role === 'closed' || typeof data !== 'object' || data === null) return;
    const m = data as TabMessage<C, R, E>;
    switch (m.type) {
      case 'event':
        if (this._role === 'follower') this._o.onEvent?.(m.event);
        return;
      case 'command':
        if (this._role === 'leader') void this._serve(m.tab, m.id, m.command);
        return;
      case 'reply':
      case 'refusal': {
        if (m.to !== this.tabId) return;
        const p = this._pending.get(m.id);
        if (p === undefined) return; // timed out already
        this._pending.delete(m.id);
        clearTimeout(p.timer);
        if (m.type === 'reply') p.resolve(m.value);
        else p.reject(new TabCommandError('refused', m.error));
        return;
      }
      case 'leader_left':
        this._failPending(
          'leader_left',
          'the leader tab closed before replying (the command may have run)',
        );
        return;
      case 'who_leads':
        if (this._role === 'leader') this._post({ type: 'leader_elected', tab: this.tabId });
        return;
      case 'leader_elected':
        if (this._role === 'follower') this._learnLeader(m.tab);
        return;
      default:
        // A message of another version of the app: ignored.
        return;
    }
  }

  private async _serve(to: string, id: number, command: C): Promise<void> {
    let reply: TabMessage<C, R, E>;
    try {
      reply = { type: 'reply', to, id, value: await this._o.onCommand(command) };
    } catch (e) {
      reply = { type: 'refusal', to, id, error: messageOf(e) };
    }
    if (this._role !== 'leader') return;
    try {
      this._post(reply);
    } catch (e) {
      // A value the channel cannot clone (a function, a class instance with private fields...).
      this._post({
        type: 'refusal',
        to,
        id,
        error: `the reply could not be sent: ${messageOf(e)}`,
      });
    }
  }
}
