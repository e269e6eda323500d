// Keeps one document's socket connected the way CONTRACT asks, and reports its state for the status pill.
// y-websocket reconnects dropped sockets by itself; this adds what it cannot know: the server's close codes
// (stop, wait longer, renew the token) and the browser's online/offline events (no attempts without a network).
import type { WebsocketProvider } from 'y-websocket';
import { planReconnect } from './reconnect-plan';
import type { TokenSource } from './token-source';
import { createValueStore, type ValueStore } from './value-store';

export type ConnectionState = 'connecting' | 'connected' | 'offline';

export interface ConnectionStatus {
  readonly state: ConnectionState;
  /** Finer than `state`, for the label: why we are not connected. */
  readonly detail: 'first-connect' | 'live' | 'no-network' | 'reconnecting' | 'waiting' | 'stopped';
  /** Set when the server closed the socket for good: the close code and a sentence for the user. */
  readonly stopCode: number | null;
  readonly stopReason: string | null;
}

export interface ConnectionController {
  readonly status: ValueStore<ConnectionStatus>;
  destroy(): void;
}

export interface ConnectionControllerDeps {
  readonly provider: WebsocketProvider;
  readonly tokenSource: TokenSource;
  readonly window: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  /** Whether the browser believes it has a network (navigator.onLine); only the label reads it, see report(). */
  readonly isOnline?: () => boolean;
  readonly random?: () => number;
}

// Renewals that did not lead to a sync before we give up: the server keeps refusing what the token source hands out.
const maxRenewalsSinceSync = 3;
const renewalWindowMs = { base: 1_000, cap: 8_000 };

export function createConnectionController({
  provider,
  tokenSource,
  window,
  isOnline = () => true,
  random = Math.random,
}: ConnectionControllerDeps): ConnectionController {
  const status = createValueStore<ConnectionStatus>({ state: 'connecting', detail: 'first-connect', stopCode: null, stopReason: null });
  let hasClosedOnce = false;
  let isNetworkDown = false;
  let waitTimer: ReturnType<typeof setTimeout> | undefined;
  let waitsSinceSync = 0;
  let renewalsSinceSync = 0;
  let isRenewing = false;
  let stop: { code: number; reason: string } | null = null;
  let isDestroyed = false;

  const report = () => {
    if (stop !== null) return status.set({ state: 'offline', detail: 'stopped', stopCode: stop.code, stopReason: stop.reason });
    // A page opened (or reloaded) without a network gets no offline event: the browser's own belief names the state
    // then. It never stops the attempts, which go on (a machine with only loopback may count as offline).
    const detail: ConnectionStatus['detail'] = isNetworkDown || (!provider.wsconnected && !isOnline())
      ? 'no-network'
      : provider.wsconnected
        ? 'live'
        : waitTimer !== undefined
          ? 'waiting'
          : hasClosedOnce
            ? 'reconnecting'
            : 'first-connect';
    const state: ConnectionState = detail === 'live' ? 'connected' : detail === 'first-connect' ? 'connecting' : 'offline';
    status.set({ state, detail, stopCode: null, stopReason: null });
  };

  /** Connects unless something says not to; every deliberate (re)connect goes through here. */
  const resume = () => {
    if (isDestroyed || stop !== null || isNetworkDown || isRenewing || waitTimer !== undefined) return report();
    provider.connect();
    report();
  };

  const stopFor = (code: number, reason: string) => {
    stop = { code, reason };
    clearWait();
    provider.shouldConnect = false;
    report();
  };

  const clearWait = () => {
    if (waitTimer !== undefined) clearTimeout(waitTimer);
    waitTimer = undefined;
  };

  // y-websocket asks this after each server close; only the quick-backoff codes let it reconnect by itself.
  provider.shouldReconnect = (event) => planReconnect(event.code, waitsSinceSync).kind === 'backoff';

  const onClose = (event: CloseEvent | null) => {
    hasClosedOnce = true;
    // null: we closed it ourselves (offline, teardown, y-websocket's silence watchdog), nothing to decide.
    if (event === null) return report();
    const plan = planReconnect(event.code, waitsSinceSync, random);
    switch (plan.kind) {
      case 'backoff':
        break;
      case 'wait':
        waitsSinceSync++;
        clearWait();
        waitTimer = setTimeout(() => {
          waitTimer = undefined;
          resume();
        }, plan.delayMs);
        break;
      case 'refresh-token':
        renewToken(event.code, plan.reason);
        break;
      case 'stop':
        stopFor(event.code, plan.reason);
        break;
    }
    report();
  };

  // An expired token is routine: renew at once. A fresh token refused again before any sync must not make us loop:
  // later renewals back off with jitter, and after a few we stop. The doc keeps every edit meanwhile.
  const renewToken = (code: number, reason: string) => {
    if (renewalsSinceSync >= maxRenewalsSinceSync) {
      return stopFor(code, `${reason} A new one did not help; reload the page to try again.`);
    }
    const delayMs = renewalsSinceSync === 0 ? 0 : jitteredRenewalDelay(renewalsSinceSync, random);
    renewalsSinceSync++;
    isRenewing = true;
    clearWait();
    if (delayMs === 0) return requestToken(code, reason);
    waitTimer = setTimeout(() => {
      waitTimer = undefined;
      requestToken(code, reason);
    }, delayMs);
  };

  const requestToken = (code: number, reason: string) => {
    tokenSource.refresh().then(
      (token) => {
        isRenewing = false;
        if (isDestroyed || stop !== null) return;
        if (token === null) return stopFor(code, `${reason} Open the document again with a new link.`);
        provider.params = { ...provider.params, token };
        resume();
      },
      (error: unknown) => {
        isRenewing = false;
        if (isDestroyed || stop !== null) return;
        console.warn('tandem: token refresh failed', error);
        // Without a network the attempt says nothing: coming back online reconnects, and a 4401 then renews again.
        if (isNetworkDown) return report();
        renewToken(code, reason);
      },
    );
    report();
  };

  const onStatus = () => report();
  const onSync = (isSynced: boolean) => {
    if (!isSynced) return;
    waitsSinceSync = 0;
    renewalsSinceSync = 0;
  };
  const onOffline = () => {
    isNetworkDown = true;
    // Close the socket ourselves: a socket can outlive the network for a long while, and edits made now must be
    // reported as kept on this device, not as being saved.
    provider.disconnect();
    report();
  };
  const onOnline = () => {
    isNetworkDown = false;
    resume();
  };

  provider.on('status', onStatus);
  provider.on('connection-close', onClose);
  provider.on('sync', onSync);
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);

  return {
    status,
    destroy() {
      isDestroyed = true;
      clearWait();
      provider.off('status', onStatus);
      provider.off('connection-close', onClose);
      provider.off('sync', onSync);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
    },
  };
}

/** "Equal jitter" over 1, 2, 4 … s (capped) for the second and later renewals since a sync. */
function jitteredRenewalDelay(attempt: number, random: () => number): number {
  const span = Math.min(renewalWindowMs.cap, renewalWindowMs.base * 2 ** (attempt - 1));
  return Math.round(span / 2 + random() * (span / 2));
}
