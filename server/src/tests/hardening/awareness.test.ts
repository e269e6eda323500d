// Awareness abuse: setting or removing another connection's client id, oversized states, and one connection
// inventing thousands of client ids. Forged entries are dropped, repeated forgery closes with 4403, and the
// victim's presence is untouched.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CloseCode } from '../../../../shared/close-codes';
import { waitSynced, type TestClient } from '../../test-support/clients';
import { startTestServer, type TestServer } from '../../test-support/test-server';
import { awarenessFrame, awarenessUpdateOf, expectClosedWith, joinedAttacker, type Attacker } from './attacker';
import { expectServerUnharmed, goodClient, writeKnownText } from './good-users';

const MAX_AWARENESS_BYTES = 1024;
let server: TestServer;
const clients: TestClient[] = [];
const attackers: Attacker[] = [];

beforeAll(async () => {
  server = await startTestServer({ MAX_AWARENESS_BYTES: String(MAX_AWARENESS_BYTES) });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const a of attackers) a.ws.terminate();
  await server.stop();
});

/** A document with a known text, a victim showing its presence, an observer and an attacker. */
async function scene(name: string) {
  const known = `known text of ${name}`;
  await writeKnownText(server, name, known);
  const victim = await goodClient(server, name);
  const observer = await goodClient(server, name);
  clients.push(victim, observer);
  await waitSynced(victim, observer);
  victim.provider.awareness.setLocalState({ name: 'Victim', cursor: 1 });
  await vi.waitFor(() => expect(observer.provider.awareness.getStates().get(victim.doc.clientID)?.name).toBe('Victim'));
  const attacker = await joinedAttacker(server.wsUrl, name);
  attackers.push(attacker);
  const attackerId = 900_000_000 + attackers.length;
  let clock = 1;
  /** Sends the attacker's own state with a fresh marker and waits until the observer shows it: everything the
   *  attacker sent before has been handled and broadcast by then. */
  const marker = async () => {
    const text = `marker-${clock}`;
    attacker.send(awarenessFrame(awarenessUpdateOf([{ clientId: attackerId, clock: clock++, state: { name: text } }])));
    await vi.waitFor(() => expect(observer.provider.awareness.getStates().get(attackerId)?.name).toBe(text));
  };
  const victimState = () => observer.provider.awareness.getStates().get(victim.doc.clientID);
  return { target: { doc: name, otherDoc: `${name}-other`, known }, victim, observer, attacker, attackerId, marker, victimState };
}

describe('awareness', () => {
  it('drops awareness set or removed for another connection\'s client id and closes with 4403 when it is repeated', async () => {
    const s = await scene('forged-awareness');
    const victimId = s.victim.doc.clientID;
    s.attacker.send(awarenessFrame(awarenessUpdateOf([{ clientId: victimId, clock: 1_000, state: { name: 'Forged' } }])));
    await s.marker();
    expect(s.victimState()?.name).toBe('Victim');
    s.attacker.send(awarenessFrame(awarenessUpdateOf([{ clientId: victimId, clock: 1_001, state: null }])));
    await s.marker();
    expect(s.victimState()?.name).toBe('Victim');
    expect(s.attacker.closedWith).toBeNull();
    for (let i = 0; i < 3 && s.attacker.closedWith === null; i++) {
      s.attacker.send(awarenessFrame(awarenessUpdateOf([{ clientId: victimId, clock: 1_002 + i, state: null }])));
      await s.attacker.roundTrip();
    }
    await expectClosedWith(s.attacker, CloseCode.Forbidden);
    // The attacker's own entry goes with it; the victim's stays, on the server and at the observer.
    await vi.waitFor(() => expect(s.observer.provider.awareness.getStates().has(s.attackerId)).toBe(false));
    expect(s.victimState()).toMatchObject({ name: 'Victim', cursor: 1 });
    expect(server.ctx.registry.peek(s.target.doc)?.presence.awareness.getStates().get(victimId)).toMatchObject({ name: 'Victim' });
    expect(s.victim.provider.wsconnected).toBe(true);
    await expectServerUnharmed(server, s.target);
  });

  it(`drops awareness states over MAX_AWARENESS_BYTES (${MAX_AWARENESS_BYTES}) and closes with 4403 when it is repeated`, async () => {
    const s = await scene('huge-awareness');
    const huge = { name: 'Huge', padding: 'x'.repeat(MAX_AWARENESS_BYTES) };
    s.attacker.send(awarenessFrame(awarenessUpdateOf([{ clientId: s.attackerId + 1, clock: 1, state: huge }])));
    await s.marker();
    expect(s.observer.provider.awareness.getStates().has(s.attackerId + 1)).toBe(false);
    for (let i = 0; i < 4 && s.attacker.closedWith === null; i++) {
      s.attacker.send(awarenessFrame(awarenessUpdateOf([{ clientId: s.attackerId, clock: 100 + i, state: huge }])));
      await s.attacker.roundTrip();
    }
    await expectClosedWith(s.attacker, CloseCode.Forbidden);
    expect(s.victimState()?.name).toBe('Victim');
    await expectServerUnharmed(server, s.target);
  });

  it('closes a connection that invents thousands of awareness client ids with 4403, without broadcasting them', async () => {
    const s = await scene('many-awareness-ids');
    const entries = Array.from({ length: 5_000 }, (_, i) => ({ clientId: 1_000_000 + i, clock: 1, state: { name: `ghost-${i}` } }));
    s.attacker.send(awarenessFrame(awarenessUpdateOf(entries)));
    await expectClosedWith(s.attacker, CloseCode.Forbidden);
    const room = server.ctx.registry.peek(s.target.doc)!;
    expect(room.presence.awareness.getStates().size).toBeLessThanOrEqual(3);
    expect(s.observer.provider.awareness.getStates().size).toBeLessThanOrEqual(3);
    expect(s.victimState()?.name).toBe('Victim');
    await expectServerUnharmed(server, s.target);
  });
});
