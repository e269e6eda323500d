// Runs the Fanout contract against Redis, plus what only a network bus has to get right: outages, killed
// connections, reconnection with resubscription, liveness keys, and frames it did not write.
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { findTestService } from '../test-support/services';
import { bytes, describeFanoutContract, fanoutDoc, recorder } from './fanout.case';
import { RedisFanout, type RedisFanoutOptions } from './redis-fanout';

const redis = findTestService('TEST_REDIS_URL');

describe('RedisFanout options', () => {
  it('refuses an instance id that could not name a key', () => {
    expect(() => new RedisFanout({ url: 'redis://127.0.0.1:1', instanceId: 'has space' })).toThrow(/invalid fan-out instanceId/);
  });
});

describe('RedisFanout without a reachable Redis', () => {
  it('stays unhealthy, counts failures and never throws', async () => {
    const onError = vi.fn();
    const fanout = new RedisFanout({ url: 'redis://127.0.0.1:1', onError, maxRetryDelayMs: 100 });
    try {
      await vi.waitFor(() => expect(onError).toHaveBeenCalledWith('connection', expect.any(Error)));
      expect(fanout.healthy()).toBe(false);
      await expect(fanout.subscribe(fanoutDoc('down'), () => {})).resolves.toBeUndefined();
      expect(() => fanout.publish(fanoutDoc('down'), { kind: 'update', payload: bytes(1) })).not.toThrow();
      expect(onError).toHaveBeenCalledWith('publish', expect.any(Error));
      await expect(fanout.aliveInstances()).rejects.toThrow();
    } finally {
      await fanout.close();
    }
  });
});

describe.skipIf(redis.url === null)(redis.title('RedisFanout'), () => {
  /** Channels and keys of this file run only, so parallel runs on one Redis never meet. */
  const prefix = `tandem-test-${randomUUID().slice(0, 8)}`;
  const opened: RedisFanout[] = [];
  const proxies: RedisProxy[] = [];
  const open = (options: Partial<RedisFanoutOptions> = {}) => {
    const fanout = new RedisFanout({ url: redis.requireUrl(), prefix, maxRetryDelayMs: 100, ...options });
    opened.push(fanout);
    return fanout;
  };
  const admin = () => new Redis(redis.requireUrl(), { lazyConnect: true });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((fanout) => fanout.close()));
    await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
  });
  afterAll(async () => {
    const client = admin();
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
    await client.quit();
  });

  describeFanoutContract('RedisFanout', async () => {
    const [a, b] = [open(), open()];
    return { a, b, cleanup: async () => void (await Promise.all([a.close(), b.close()])) };
  });

  it('resubscribes and fires onReconnect after its connections are killed', async () => {
    const [a, b] = [open(), open()];
    await vi.waitFor(() => expect([a.healthy(), b.healthy()]).toEqual([true, true]));
    const reconnected = vi.fn();
    b.onReconnect(reconnected);
    const doc = fanoutDoc('killed');
    const atB = recorder();
    await b.subscribe(doc, atB.handler);

    const client = admin();
    const list = await client.client('LIST');
    const ids = [...String(list).matchAll(/^id=(\d+) .*name=tandem:([^ ]+):(pub|sub) /gm)]
      .filter(([, , instanceId]) => instanceId === b.instanceId)
      .map(([, id]) => id!);
    expect(ids).toHaveLength(2);
    // Both at once (MULTI), as when Redis restarts; one at a time would be two outages and two reconnects.
    await ids.reduce((multi, id) => multi.client('KILL', 'ID', id), client.multi()).exec();
    await client.quit();

    // onReconnect fires only on a way back from unhealthy, after every doc is subscribed again.
    await vi.waitFor(() => expect(reconnected).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    expect(b.healthy()).toBe(true);
    a.publish(doc, { kind: 'update', payload: bytes(7) });
    await vi.waitFor(() => expect(atB.received.map(({ message }) => message.payload)).toEqual([bytes(7)]));
  });

  it('goes unhealthy during an outage, then recovers, resubscribes and reports it', async () => {
    const proxy = await RedisProxy.start(new URL(redis.requireUrl()));
    proxies.push(proxy);
    const onError = vi.fn();
    const a = open();
    const b = open({ url: proxy.url, onError });
    const reconnected = vi.fn();
    b.onReconnect(reconnected);
    const doc = fanoutDoc('outage');
    const atB = recorder();
    await vi.waitFor(() => expect([a.healthy(), b.healthy()]).toEqual([true, true]));
    await b.subscribe(doc, atB.handler);

    proxy.cut();
    await vi.waitFor(() => expect(b.healthy()).toBe(false));
    expect(() => b.publish(doc, { kind: 'update', payload: bytes(1) })).not.toThrow();
    expect(onError).toHaveBeenCalledWith('publish', expect.any(Error));
    a.publish(doc, { kind: 'update', payload: bytes(2) }); // lost: pub/sub is at-most-once, hence onReconnect
    expect(reconnected).not.toHaveBeenCalled();

    proxy.restore();
    await vi.waitFor(() => expect(reconnected).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    expect(b.healthy()).toBe(true);
    a.publish(doc, { kind: 'update', payload: bytes(3) });
    await vi.waitFor(() => expect(atB.received.map(({ message }) => message.payload)).toEqual([bytes(3)]));
  });

  it('fires onReconnect on a late first connection when docs subscribed while Redis was down', async () => {
    const proxy = await RedisProxy.start(new URL(redis.requireUrl()));
    proxies.push(proxy);
    proxy.cut();
    const a = open();
    const b = open({ url: proxy.url });
    const reconnected = vi.fn();
    b.onReconnect(reconnected);
    const doc = fanoutDoc('late');
    const atB = recorder();
    await b.subscribe(doc, atB.handler);
    expect(b.healthy()).toBe(false);

    proxy.restore();
    await vi.waitFor(() => expect(reconnected).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    await vi.waitFor(() => expect(a.healthy()).toBe(true));
    a.publish(doc, { kind: 'awareness', payload: bytes(9) });
    await vi.waitFor(() => expect(atB.received).toHaveLength(1));
  });

  it('lists live instances, forgets a closed one at once and a silent one after its TTL', async () => {
    const proxy = await RedisProxy.start(new URL(redis.requireUrl()));
    proxies.push(proxy);
    const alivePrefix = `${prefix}-alive`; // apart from the other tests, whose instances may linger for a TTL
    const a = open({ prefix: alivePrefix });
    const b = open({ prefix: alivePrefix });
    const silent = open({ prefix: alivePrefix, url: proxy.url, heartbeatMs: 50, instanceTtlMs: 300 });
    await vi.waitFor(async () =>
      expect(await a.aliveInstances()).toEqual(new Set([a.instanceId, b.instanceId, silent.instanceId])),
    );

    await b.close();
    expect(await a.aliveInstances()).toEqual(new Set([a.instanceId, silent.instanceId]));

    proxy.cut(); // it can neither renew nor delete its key: only the TTL can retire it
    await vi.waitFor(async () => expect(await a.aliveInstances()).toEqual(new Set([a.instanceId])), { timeout: 5_000 });
  });

  it('drops and counts frames it cannot decode, and keeps delivering', async () => {
    const onError = vi.fn();
    const [a, b] = [open(), open({ onError })];
    const doc = fanoutDoc('garbage');
    const atB = recorder();
    await b.subscribe(doc, atB.handler);
    await vi.waitFor(() => expect([a.healthy(), b.healthy()]).toEqual([true, true]));

    const client = admin();
    await client.publish(`${prefix}:doc:${doc}`, Buffer.from([9, 1, 2]));
    await client.publish(`${prefix}:doc:${doc}`, Buffer.from([0, 200, 1]));
    await client.quit();
    // Published after the garbage (which Redis has already fanned out), so it arrives after it.
    a.publish(doc, { kind: 'update', payload: bytes(5) });

    await vi.waitFor(() => expect(atB.received).toHaveLength(1));
    expect(onError.mock.calls.filter(([source]) => source === 'decode')).toHaveLength(2);
  });
});

/** A TCP relay to Redis that the test can cut and restore, to play a network outage without sleeping. */
class RedisProxy {
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  readonly #target: URL;
  #isCut = false;

  private constructor(target: URL) {
    this.#target = target;
    this.#server = net.createServer((client) => this.#relay(client));
  }

  static async start(target: URL): Promise<RedisProxy> {
    const proxy = new RedisProxy(target);
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    const { port } = this.#server.address() as net.AddressInfo;
    return `redis://127.0.0.1:${port}${this.#target.pathname}`;
  }

  /** Drops every relayed connection and refuses new ones until restore(). */
  cut(): void {
    this.#isCut = true;
    for (const socket of this.#sockets) socket.destroy();
  }

  restore(): void {
    this.#isCut = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  #relay(client: net.Socket): void {
    if (this.#isCut) {
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(this.#target.port || 6379), this.#target.hostname);
    for (const [socket, peer] of [[client, upstream], [upstream, client]] as const) {
      this.#sockets.add(socket);
      socket.pipe(peer);
      socket.on('error', () => peer.destroy()); // a reset on one side ends the pair; the fan-out sees a close
      socket.on('close', () => {
        this.#sockets.delete(socket);
        peer.destroy();
      });
    }
  }
}
