// Runs the Fanout contract against two LocalFanouts sharing one in-process bus, and checks the lone default.
import { describe, expect, it, vi } from 'vitest';
import { bytes, describeFanoutContract, fanoutDoc, recorder } from './fanout.case';
import { LocalBus, LocalFanout } from './local-fanout';

describeFanoutContract('LocalFanout', async () => {
  const bus = new LocalBus();
  const a = new LocalFanout({ bus });
  const b = new LocalFanout({ bus });
  return { a, b, cleanup: async () => void (await Promise.all([a.close(), b.close()])) };
});

describe('LocalFanout', () => {
  it('is always healthy and delivers to nobody when it has the bus to itself', async () => {
    const lone = new LocalFanout({ instanceId: 'lone' });
    const other = new LocalFanout();
    const doc = fanoutDoc('lone');
    const atLone = recorder();
    const atOther = recorder();
    await Promise.all([lone.subscribe(doc, atLone.handler), other.subscribe(doc, atOther.handler)]);

    lone.publish(doc, { kind: 'update', payload: bytes(1) });
    other.publish(doc, { kind: 'update', payload: bytes(2) });
    await Promise.resolve(); // delivery is one microtask away; by now it would have happened

    expect(lone.healthy()).toBe(true);
    expect(atLone.received).toEqual([]);
    expect(atOther.received).toEqual([]);
    expect(await lone.aliveInstances()).toEqual(new Set(['lone']));
  });

  it('never runs a handler inside the publisher’s call stack', async () => {
    const bus = new LocalBus();
    const [a, b] = [new LocalFanout({ bus }), new LocalFanout({ bus })];
    const doc = fanoutDoc('async');
    const atB = recorder();
    await b.subscribe(doc, atB.handler);

    a.publish(doc, { kind: 'update', payload: bytes(1) });
    expect(atB.received).toEqual([]);
    await vi.waitFor(() => expect(atB.received).toHaveLength(1));
  });

  it('reports a throwing handler to onError', async () => {
    const bus = new LocalBus();
    const onError = vi.fn();
    const [a, b] = [new LocalFanout({ bus }), new LocalFanout({ bus, onError })];
    const doc = fanoutDoc('throws');
    await b.subscribe(doc, () => {
      throw new Error('boom');
    });
    a.publish(doc, { kind: 'update', payload: bytes(1) });
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith(new Error('boom')));
  });

  it('lists the instances on its bus and forgets closed ones', async () => {
    const bus = new LocalBus();
    const [a, b] = [new LocalFanout({ bus, instanceId: 'a' }), new LocalFanout({ bus, instanceId: 'b' })];
    expect(await a.aliveInstances()).toEqual(new Set(['a', 'b']));
    await b.close();
    expect(await a.aliveInstances()).toEqual(new Set(['a']));
  });
});
