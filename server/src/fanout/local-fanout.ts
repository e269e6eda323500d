// In-process fan-out. A lone server has no peers, so by default a publish reaches nobody. Several LocalFanouts
// given one LocalBus act as separate instances in one process (tests, multi-instance simulations).
import { randomUUID } from 'node:crypto';
import { SerialByKey } from '../serial-by-key';
import { NOT_QUIET, type Fanout, type FanoutHandler, type FanoutMessage, type QuietRead } from './fanout';

/** The in-process instances that hear each other's publishes. */
export class LocalBus {
  readonly #members = new Set<LocalFanout>();
  /** The exclusive sections of each document, one at a time. */
  readonly #sections = new SerialByKey();

  /** Runs `run` once every section of `doc` queued before it, by any member, has ended. */
  exclusive<T>(doc: string, run: () => Promise<T>): Promise<T> {
    return this.#sections.run(doc, run);
  }

  /** True while a section of `doc` runs or waits. */
  isHeld(doc: string): boolean {
    return this.#sections.has(doc);
  }

  join(member: LocalFanout): void {
    this.#members.add(member);
  }

  leave(member: LocalFanout): void {
    this.#members.delete(member);
  }

  members(): ReadonlySet<LocalFanout> {
    return this.#members;
  }

  get size(): number {
    return this.#members.size;
  }
}

export interface LocalFanoutOptions {
  instanceId?: string;
  /** Default: a private bus, so publishing is a no-op. */
  bus?: LocalBus;
  /** A handler threw. Default: ignored. */
  onError?: (error: unknown) => void;
}

export class LocalFanout implements Fanout {
  readonly instanceId: string;
  readonly #bus: LocalBus;
  readonly #handlers = new Map<string, FanoutHandler>();
  readonly #onError: (error: unknown) => void;

  constructor(options: LocalFanoutOptions = {}) {
    this.instanceId = options.instanceId ?? randomUUID();
    this.#bus = options.bus ?? new LocalBus();
    this.#onError = options.onError ?? (() => {});
    this.#bus.join(this);
  }

  async subscribe(doc: string, handler: FanoutHandler): Promise<void> {
    this.#handlers.set(doc, handler);
  }

  async unsubscribe(doc: string): Promise<void> {
    this.#handlers.delete(doc);
  }

  publish(doc: string, message: Omit<FanoutMessage, 'from'>): void {
    // A lone server (the default) publishes every keystroke to nobody: nothing to copy.
    if (this.#bus.size === 1) return;
    const sent: FanoutMessage = { ...message, from: this.instanceId };
    for (const member of this.#bus.members()) {
      if (member !== this) member.#deliver(doc, sent);
    }
  }

  healthy(): boolean {
    return true;
  }

  /** An in-process bus never drops out, so there is never a reconnect to report. */
  onReconnect(_listener: () => void): void {}

  /** The instances on this bus, this one included. */
  async aliveInstances(): Promise<Set<string>> {
    return new Set([...this.#bus.members()].map((member) => member.instanceId));
  }

  /** Serialized on the bus: across its members (instances in one process), deliveries before it come first. */
  exclusive<T>(doc: string, run: () => Promise<T>): Promise<T> {
    return this.#bus.exclusive(doc, run);
  }

  /** Deliveries are microtasks: those of a section that ended have run before this does. */
  async whenQuiet<T>(doc: string, read: () => T): Promise<QuietRead<T>> {
    return this.#bus.isHeld(doc) ? NOT_QUIET : { isQuiet: true, value: read() };
  }

  async close(): Promise<void> {
    this.#bus.leave(this);
    this.#handlers.clear();
  }

  #deliver(doc: string, message: FanoutMessage): void {
    // Asynchronous like a network bus: a handler never runs inside the publisher's call stack (a room publishing
    // from a Yjs observer must not re-enter another room). The handler is looked up at delivery time, so an
    // unsubscribe in between stops it. The payload is shared, not copied: receivers must not mutate it.
    queueMicrotask(() => {
      if (message.to !== undefined && message.to !== this.instanceId) return;
      const handler = this.#handlers.get(doc);
      if (!handler) return;
      try {
        handler(doc, message);
      } catch (error) {
        this.#onError(error); // a throw here would surface as an uncaught exception far from its cause
      }
    });
  }
}
