// The Fanout contract, as a suite every bus's test file runs unchanged: two instances, A and B, on one bus.
// "Not delivered" is checked without sleeping: a later message from the same publisher acts as a fence, since
// a bus delivers one publisher's messages in order.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Fanout, FanoutHandler, FanoutKind, FanoutMessage, QuietRead } from './fanout';

export interface FanoutPair {
  a: Fanout;
  b: Fanout;
  cleanup(): Promise<void>;
}

interface Received {
  doc: string;
  message: FanoutMessage;
}

export function describeFanoutContract(name: string, makePair: () => Promise<FanoutPair>): void {
  describe(`Fanout contract: ${name}`, () => {
    let a: Fanout;
    let b: Fanout;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ a, b, cleanup } = await makePair());
      await vi.waitFor(() => expect([a.healthy(), b.healthy()]).toEqual([true, true]), { timeout: 10_000 });
    });
    afterEach(async () => {
      await cleanup();
    });

    it('gives each instance its own id', () => {
      expect(a.instanceId).not.toBe(b.instanceId);
    });

    it('delivers every kind to the other instance with identical bytes', async () => {
      const doc = fanoutDoc('kinds');
      const atB = recorder();
      await b.subscribe(doc, atB.handler);
      const kinds: FanoutKind[] = ['update', 'awareness', 'sync-request', 'sync-reply'];
      const payloads = kinds.map((_, i) => Uint8Array.from({ length: 64 + i * 1000 }, (_, j) => (j * 7 + i) % 256));
      payloads.push(new Uint8Array(0));
      kinds.forEach((kind, i) => a.publish(doc, { kind, payload: payloads[i]! }));
      a.publish(doc, { kind: 'update', payload: payloads[4]! });

      await vi.waitFor(() => expect(atB.received).toHaveLength(5));
      expect(atB.received.map(({ doc }) => doc)).toEqual(Array(5).fill(doc));
      expect(atB.received.map(({ message }) => message)).toEqual(
        [...kinds, 'update'].map((kind, i) => ({ kind, from: a.instanceId, payload: payloads[i] })),
      );
      for (const { message } of atB.received) expect(message.payload).toBeInstanceOf(Uint8Array);
    });

    it('never delivers an instance its own messages', async () => {
      const doc = fanoutDoc('echo');
      const atA = recorder();
      const atB = recorder();
      await Promise.all([a.subscribe(doc, atA.handler), b.subscribe(doc, atB.handler)]);
      a.publish(doc, { kind: 'update', payload: bytes(1) });
      await vi.waitFor(() => expect(atB.received).toHaveLength(1));
      // B saw A's message, so the bus has handed it to every subscriber, A included, before B's reply below.
      b.publish(doc, { kind: 'update', payload: bytes(2) });
      await vi.waitFor(() => expect(atA.received).toHaveLength(1));
      expect(atA.received[0]?.message).toMatchObject({ from: b.instanceId, payload: bytes(2) });
      expect(atB.received).toHaveLength(1);
    });

    it('delivers a message with `to` only to that instance', async () => {
      const doc = fanoutDoc('to');
      const atB = recorder();
      await b.subscribe(doc, atB.handler);
      a.publish(doc, { kind: 'sync-reply', to: 'someone-else', payload: bytes(1) });
      a.publish(doc, { kind: 'sync-reply', to: b.instanceId, payload: bytes(2) });

      await vi.waitFor(() => expect(atB.received).toHaveLength(1));
      expect(atB.received[0]?.message).toEqual({ kind: 'sync-reply', from: a.instanceId, to: b.instanceId, payload: bytes(2) });
    });

    it('delivers to the subscribers of that doc only', async () => {
      const [quiet, busy] = [fanoutDoc('quiet'), fanoutDoc('busy')];
      const atQuiet = recorder();
      const atBusy = recorder();
      await Promise.all([b.subscribe(quiet, atQuiet.handler), b.subscribe(busy, atBusy.handler)]);
      a.publish(busy, { kind: 'update', payload: bytes(1) });
      a.publish(fanoutDoc('nobody'), { kind: 'update', payload: bytes(2) });
      a.publish(quiet, { kind: 'update', payload: bytes(3) });

      await vi.waitFor(() => expect(atQuiet.received).toHaveLength(1));
      expect(atBusy.received.map(({ doc, message }) => [doc, message.payload])).toEqual([[busy, bytes(1)]]);
      expect(atQuiet.received[0]?.doc).toBe(quiet);
    });

    it('stops delivering after unsubscribe, and delivers again after a new subscribe', async () => {
      const [doc, fence] = [fanoutDoc('unsub'), fanoutDoc('fence')];
      const first = recorder();
      const atFence = recorder();
      await Promise.all([b.subscribe(doc, first.handler), b.subscribe(fence, atFence.handler)]);
      a.publish(doc, { kind: 'update', payload: bytes(1) });
      await vi.waitFor(() => expect(first.received).toHaveLength(1));

      await b.unsubscribe(doc);
      a.publish(doc, { kind: 'update', payload: bytes(2) });
      a.publish(fence, { kind: 'update', payload: bytes(3) });
      await vi.waitFor(() => expect(atFence.received).toHaveLength(1));
      expect(first.received).toHaveLength(1);

      const second = recorder();
      await b.subscribe(doc, second.handler);
      a.publish(doc, { kind: 'update', payload: bytes(4) });
      await vi.waitFor(() => expect(second.received).toHaveLength(1));
      expect(second.received[0]?.message.payload).toEqual(bytes(4));
      expect(first.received).toHaveLength(1);
    });

    it("keeps one publisher's order", async () => {
      const doc = fanoutDoc('order');
      const atB = recorder();
      await b.subscribe(doc, atB.handler);
      for (let i = 0; i < 100; i++) a.publish(doc, { kind: 'update', payload: bytes(i) });

      await vi.waitFor(() => expect(atB.received).toHaveLength(100));
      expect(atB.received.map(({ message }) => message.payload[0])).toEqual(Array.from({ length: 100 }, (_, i) => i));
    });

    it('keeps delivering when a handler throws', async () => {
      const doc = fanoutDoc('throws');
      let calls = 0;
      await b.subscribe(doc, () => {
        calls++;
        throw new Error('handler failure');
      });
      a.publish(doc, { kind: 'update', payload: bytes(1) });
      a.publish(doc, { kind: 'update', payload: bytes(2) });
      await vi.waitFor(() => expect(calls).toBe(2));
    });

    it("runs one instance's exclusive section of a document at a time, and other documents' meanwhile", async () => {
      const doc = fanoutDoc('exclusive');
      const events: string[] = [];
      let endFirst = (): void => undefined;
      const first = a.exclusive(doc, async () => {
        events.push('a starts');
        await new Promise<void>((resolve) => (endFirst = resolve));
        events.push('a ends');
        return 'a';
      });
      await vi.waitFor(() => expect(events).toEqual(['a starts']));
      const second = b.exclusive(doc, async () => {
        events.push('b starts');
        return 'b';
      });
      // Another document is not held up: this section starts and ends while A still holds `doc`.
      expect(await b.exclusive(fanoutDoc('other'), async () => 'other')).toBe('other');
      expect(events).toEqual(['a starts']);
      endFirst();
      expect(await Promise.all([first, second])).toEqual(['a', 'b']);
      expect(events).toEqual(['a starts', 'a ends', 'b starts']);
    });

    it('reads a document only while no section of it runs, and only once what a section published has arrived', async () => {
      const doc = fanoutDoc('quiet');
      expect([await a.whenQuiet(doc, () => 'a read'), await b.whenQuiet(doc, () => 'b read')]).toEqual([
        { isQuiet: true, value: 'a read' },
        { isQuiet: true, value: 'b read' },
      ]);
      const atB = recorder();
      await b.subscribe(doc, atB.handler);
      let endSection = (): void => undefined;
      let hasStarted = false;
      const section = a.exclusive(doc, async () => {
        hasStarted = true;
        await new Promise<void>((resolve) => (endSection = resolve));
        for (let i = 0; i < 50; i++) a.publish(doc, { kind: 'update', payload: piece(i) });
      });
      await vi.waitFor(() => expect(hasStarted).toBe(true));
      const readsDuringSection: string[] = [];
      expect(await a.whenQuiet(doc, () => readsDuringSection.push('a'))).toEqual({ isQuiet: false });
      expect(await b.whenQuiet(doc, () => readsDuringSection.push('b'))).toEqual({ isQuiet: false });
      expect(readsDuringSection).toEqual([]);
      expect(await b.whenQuiet(fanoutDoc('other'), () => 'other')).toEqual({ isQuiet: true, value: 'other' });
      endSection();
      // Asked again and again while A publishes and frees the lock: the first quiet read sees all of it delivered.
      let seen: QuietRead<number> = { isQuiet: false };
      for (let attempt = 0; attempt < 100_000 && !seen.isQuiet; attempt++) seen = await b.whenQuiet(doc, () => atB.received.length);
      expect(seen).toEqual({ isQuiet: true, value: 50 });
      await section;
    });

    it('frees the section when it throws, and lets everything published before it reach the next holder first', async () => {
      const doc = fanoutDoc('handover');
      const atB = recorder();
      await b.subscribe(doc, atB.handler);
      await expect(a.exclusive(doc, async () => {
        for (let i = 0; i < 50; i++) a.publish(doc, { kind: 'update', payload: piece(i) });
        throw new Error('the import failed');
      })).rejects.toThrow('the import failed');
      const seenAtStart = await b.exclusive(doc, async () => atB.received.length);
      expect(seenAtStart).toBe(50);
    });

    it('treats publish as fire-and-forget, even after close', async () => {
      expect(() => a.publish(fanoutDoc('nobody'), { kind: 'awareness', payload: bytes(1) })).not.toThrow();
      await a.close();
      expect(() => a.publish(fanoutDoc('closed'), { kind: 'update', payload: bytes(1) })).not.toThrow();
    });
  });
}

/** A doc name unique to this run, so suites sharing one Redis never hear each other. */
export function fanoutDoc(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

export function recorder(): { received: Received[]; handler: FanoutHandler } {
  const received: Received[] = [];
  return { received, handler: (doc, message) => received.push({ doc, message }) };
}

/** A payload the size of an import's piece (64 KB), so fifty of them take a receiver many socket reads. */
function piece(index: number): Uint8Array {
  return new Uint8Array(64 * 1024).fill(index);
}

export function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}
