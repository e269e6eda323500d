// Keepalive in groups: every connection is pinged once per interval, a tenth of them at a time.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionSet, KEEPALIVE_GROUPS, type KeptAlive } from './connection-set';

class FakeConnection implements KeptAlive {
  keepaliveGroup = -1;
  pings = 0;
  keepalive(): void {
    this.pings++;
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ConnectionSet keepalive', () => {
  it('pings every connection once per interval, never more than a group at a time', () => {
    vi.useFakeTimers();
    const set = new ConnectionSet<FakeConnection>();
    const connections = Array.from({ length: 200 }, () => new FakeConnection());
    for (const connection of connections) set.add(connection);
    set.startKeepalive(30_000);

    const pingedPerTick: number[] = [];
    for (let tick = 0; tick < KEEPALIVE_GROUPS; tick++) {
      const before = connections.reduce((sum, c) => sum + c.pings, 0);
      vi.advanceTimersByTime(30_000 / KEEPALIVE_GROUPS);
      pingedPerTick.push(connections.reduce((sum, c) => sum + c.pings, 0) - before);
    }
    expect(pingedPerTick).toEqual(Array.from({ length: KEEPALIVE_GROUPS }, () => 200 / KEEPALIVE_GROUPS));
    expect(connections.every((c) => c.pings === 1)).toBe(true);

    vi.advanceTimersByTime(30_000);
    expect(connections.every((c) => c.pings === 2)).toBe(true);
    set.stop();
  });

  it('stops pinging a connection once it has left the set', () => {
    vi.useFakeTimers();
    const set = new ConnectionSet<FakeConnection>();
    const staying = new FakeConnection();
    const leaving = new FakeConnection();
    set.add(staying);
    set.add(leaving);
    set.all.delete(leaving);
    set.startKeepalive(1_000);
    vi.advanceTimersByTime(1_000);
    expect([staying.pings, leaving.pings]).toEqual([1, 0]);
    set.stop();
  });
});
