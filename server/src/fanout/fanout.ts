// The fan-out seam: how rooms on several server instances share live traffic. Local (single instance, a no-op
// bus) and Redis. A frame published here has already been committed to storage by the publishing instance.

export type FanoutKind = 'update' | 'awareness' | 'sync-request' | 'sync-reply' | 'deleted';

export interface FanoutMessage {
  kind: FanoutKind;
  /** Instance id of the publisher; subscribers drop their own echoes. */
  from: string;
  /** For sync-reply: the instance that asked. */
  to?: string;
  /** Opaque payload: a Yjs update, an awareness update, or a state vector (empty for `deleted`). */
  payload: Uint8Array;
}

export type FanoutHandler = (doc: string, message: FanoutMessage) => void;

/** What Fanout.whenQuiet read, or that it found a section running. */
export type QuietRead<T> = { isQuiet: true; value: T } | { isQuiet: false };

export const NOT_QUIET: QuietRead<never> = Object.freeze({ isQuiet: false });

export interface Fanout {
  readonly instanceId: string;
  /** Starts delivering messages of `doc` to `handler`. Resolves once subscribed. */
  subscribe(doc: string, handler: FanoutHandler): Promise<void>;
  unsubscribe(doc: string): Promise<void>;
  /** Fire-and-forget publish; failures are counted and logged, never thrown into the hot path. */
  publish(doc: string, message: Omit<FanoutMessage, 'from'>): void;
  /** True while the bus is usable (always true for the local bus). */
  healthy(): boolean;
  /** Called when the bus comes back after an outage, so rooms can reconcile. */
  onReconnect(listener: () => void): void;
  /**
   * Ids of the instances that are alive (this one included), for expiring the presence of instances that died
   * without saying goodbye. Rejects while the bus is unreachable: then nobody can be declared dead.
   */
  aliveInstances(): Promise<Set<string>>;
  /**
   * Runs `run` while no other instance runs one for `doc`: a document's imports and restores, which put their content
   * in over many event-loop turns, so two at once on different instances would interleave. Whatever the other
   * instances published before `run` starts has reached this instance's handlers by then.
   * @throws Error when the bus cannot tell (unreachable), or another instance holds `doc` too long.
   */
  exclusive<T>(doc: string, run: () => Promise<T>): Promise<T>;
  /**
   * Calls `read` at a moment when no exclusive section of `doc` runs on any instance and whatever the sections before
   * published has reached this instance's handlers; for what reads the whole document and must not see half of an
   * import (an automatic version). Not quiet, and `read` not called or its result dropped, while a section runs or
   * when one started before the moment could be confirmed.
   * @throws Error when the bus cannot tell (unreachable).
   */
  whenQuiet<T>(doc: string, read: () => T): Promise<QuietRead<T>>;
  close(): Promise<void>;
}
