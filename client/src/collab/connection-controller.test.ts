import { ObservableV2 } from 'lib0/observable';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { CloseCode } from '../../../shared/close-codes';
import { createConnectionController } from './connection-controller';
import type { TokenSource } from './token-source';

type Events = {
  status: (event: { status: string }) => void;
  'connection-close': (event: CloseEvent | null) => void;
  sync: (isSynced: boolean) => void;
};

/** Mimics y-websocket's state changes and event order on open and close. */
class FakeProvider extends ObservableV2<Events> {
  wsconnected = false;
  shouldConnect = false;
  params: Record<string, string> = {};
  connects = 0;
  shouldReconnect: (event: CloseEvent) => boolean = () => true;

  connect(): void {
    this.connects++;
    this.shouldConnect = true;
    this.emit('status', [{ status: 'connecting' }]);
  }
  disconnect(): void {
    this.shouldConnect = false;
    if (this.wsconnected) this.close(null);
  }
  open(): void {
    this.wsconnected = true;
    this.emit('status', [{ status: 'connected' }]);
    this.emit('sync', [true]);
  }
  close(event: CloseEvent | null): void {
    this.emit('connection-close', [event]);
    if (event !== null && !this.shouldReconnect(event)) this.shouldConnect = false;
    if (this.wsconnected) {
      this.wsconnected = false;
      this.emit('status', [{ status: 'disconnected' }]);
    }
  }
}

const closeEvent = (code: number) => ({ code, reason: '' }) as CloseEvent;

function setUp(tokenSource: TokenSource = { current: () => undefined, refresh: () => Promise.resolve(null) }, isOnline = () => true) {
  const provider = new FakeProvider();
  const windowEvents = new EventTarget();
  const controller = createConnectionController({
    provider: provider as unknown as WebsocketProvider,
    tokenSource,
    window: windowEvents as unknown as Window,
    isOnline,
    random: () => 0,
  });
  return { provider, windowEvents, status: () => controller.status.get() };
}

describe('createConnectionController', () => {
  it('says offline, not reconnecting, when the page opens without a network, and still tries to connect', () => {
    let online = false;
    const { provider, windowEvents, status } = setUp(undefined, () => online);
    provider.connect();
    provider.close(closeEvent(1006));
    expect(status()).toMatchObject({ state: 'offline', detail: 'no-network' });
    expect(provider.shouldConnect).toBe(true);
    online = true;
    windowEvents.dispatchEvent(new Event('online'));
    expect(status().detail).toBe('reconnecting');
    provider.open();
    expect(status()).toMatchObject({ state: 'connected', detail: 'live' });
  });

  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is connecting until the first socket opens, then connected', () => {
    const { provider, status } = setUp();
    provider.connect();
    expect(status().state).toBe('connecting');
    provider.open();
    expect(status()).toMatchObject({ state: 'connected', detail: 'live' });
  });

  it('is offline while y-websocket retries a dropped connection', () => {
    const { provider, status } = setUp();
    provider.connect();
    provider.open();
    provider.close(closeEvent(1006));
    expect(status()).toMatchObject({ state: 'offline', detail: 'reconnecting' });
    expect(provider.shouldReconnect(closeEvent(1006))).toBe(true);
  });

  it('stops for good with the reason when the document was deleted', () => {
    const { provider, status } = setUp();
    provider.connect();
    provider.open();
    provider.close(closeEvent(CloseCode.DocumentDeleted));
    expect(provider.shouldConnect).toBe(false);
    expect(status()).toMatchObject({ state: 'offline', detail: 'stopped', stopCode: 4410, stopReason: 'This document was deleted.' });
  });

  it('waits out a rate limit before connecting again', () => {
    const { provider, status } = setUp();
    provider.connect();
    provider.open();
    provider.close(closeEvent(CloseCode.RateLimited));
    expect(provider.shouldConnect).toBe(false);
    expect(status().detail).toBe('waiting');
    const connectsBefore = provider.connects;
    vi.advanceTimersByTime(2_499);
    expect(provider.connects).toBe(connectsBefore);
    vi.advanceTimersByTime(1);
    expect(provider.connects).toBe(connectsBefore + 1);
  });

  it('stops on 4401 when the token cannot be renewed, and reconnects with a renewed one', async () => {
    const stuck = setUp();
    stuck.provider.connect();
    stuck.provider.close(closeEvent(CloseCode.Unauthorized));
    await vi.runAllTimersAsync();
    expect(stuck.status()).toMatchObject({ detail: 'stopped', stopCode: 4401 });

    const renewing = setUp({ current: () => 'old', refresh: () => Promise.resolve('new') });
    renewing.provider.connect();
    renewing.provider.close(closeEvent(CloseCode.Unauthorized));
    await vi.runAllTimersAsync();
    expect(renewing.provider.params.token).toBe('new');
    expect(renewing.provider.shouldConnect).toBe(true);
  });

  it('renews a token that expired on a live connection at once, every time after a sync', async () => {
    let issued = 0;
    const { provider, status } = setUp({ current: () => undefined, refresh: async () => `t${++issued}` });
    provider.connect();
    provider.open();
    for (const expected of ['t1', 't2']) {
      provider.close(closeEvent(CloseCode.Unauthorized));
      await vi.advanceTimersByTimeAsync(0);
      expect(provider.params.token).toBe(expected);
      expect(provider.shouldConnect).toBe(true);
      provider.open();
      expect(status().state).toBe('connected');
    }
  });

  it('backs off when renewed tokens are refused before any sync, then stops', async () => {
    let issued = 0;
    const { provider, status } = setUp({ current: () => undefined, refresh: async () => `t${++issued}` });
    provider.connect();
    provider.open();
    provider.close(closeEvent(CloseCode.Unauthorized));
    await vi.advanceTimersByTimeAsync(0);
    expect(provider.params.token).toBe('t1');
    // random() = 0: the second renewal waits 0.5 s, the third 1 s.
    for (const [delayMs, expected] of [[500, 't2'], [1_000, 't3']] as const) {
      provider.close(closeEvent(CloseCode.Unauthorized));
      await vi.advanceTimersByTimeAsync(delayMs - 1);
      expect(status().detail).toBe('waiting');
      expect(provider.shouldConnect).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(provider.params.token).toBe(expected);
      expect(provider.shouldConnect).toBe(true);
    }
    provider.close(closeEvent(CloseCode.Unauthorized));
    await vi.runAllTimersAsync();
    expect(issued).toBe(3);
    expect(status()).toMatchObject({ detail: 'stopped', stopCode: CloseCode.Unauthorized });
    expect(status().stopReason).toContain('reload the page');
  });

  it('retries a renewal that failed, with backoff, and stops after a few failures', async () => {
    const refresh = vi.fn(() => Promise.reject(new Error('token URL down')));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { provider, status } = setUp({ current: () => 'old', refresh });
    provider.connect();
    provider.open();
    provider.close(closeEvent(CloseCode.Unauthorized));
    await vi.runAllTimersAsync();
    expect(refresh).toHaveBeenCalledTimes(3);
    expect(status()).toMatchObject({ detail: 'stopped', stopCode: CloseCode.Unauthorized });
    warn.mockRestore();
  });

  it('closes the socket when the browser goes offline and reconnects when it is back', () => {
    const { provider, windowEvents, status } = setUp();
    provider.connect();
    provider.open();
    windowEvents.dispatchEvent(new Event('offline'));
    expect(provider.wsconnected).toBe(false);
    expect(status()).toMatchObject({ state: 'offline', detail: 'no-network' });
    windowEvents.dispatchEvent(new Event('online'));
    expect(provider.shouldConnect).toBe(true);
    provider.open();
    expect(status().state).toBe('connected');
  });
});
