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
  readonly random?: () => number;
}

export function createConnectionController({ provider, tokenSource, window, random }: ConnectionControllerDeps): ConnectionController {
  const status = createValueStore<ConnectionStatus>({ state: 'connecting', detail: 'first-connect', stopCode: null, stopReason: null });
  let hasClosedOnce = false;
  let isNetworkDown = false;
  let waitTimer: ReturnType<typeof setTimeout> | undefined;
  let waitsSinceSync = 0;
  let hasRefreshedSinceSync = false;
  let stop: { code: number; reason: string } | null = null;
  let isDestroyed = false;

  const report = () => {
    if (stop !== null) return status.set({ state: 'offline', detail: 'stopped', stopCode: stop.code, stopReason: stop.reason });
    const detail: ConnectionStatus['detail'] = isNetworkDown
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
    if (isDestroyed || stop !== null || isNetworkDown || waitTimer !== undefined) return report();
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

  const renewToken = (code: number, reason: string) => {
    // One renewal per successful sync: a server that keeps rejecting fresh tokens must not make us loop.
    if (hasRefreshedSinceSync) return stopFor(code, reason);
    hasRefreshedSinceSync = true;
    tokenSource.refresh().then(
      (token) => {
        if (token === null) return stopFor(code, `${reason} Open the document again with a new link.`);
        provider.params = { ...provider.params, token };
        resume();
      },
      (error: unknown) => {
        console.warn('tandem: token refresh failed', error);
        stopFor(code, reason);
      },
    );
  };

  const onStatus = () => report();
  const onSync = (isSynced: boolean) => {
    if (!isSynced) return;
    waitsSinceSync = 0;
    hasRefreshedSinceSync = false;
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
