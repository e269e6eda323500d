import { describe, expect, it } from 'vitest';
import type { Identity } from './identity';
import { remoteUsersOf } from './use-remote-users';

const self: Identity = { name: 'Ann', color: '#c92a2a', browserId: 'ann-browser' };

function states(entries: [number, Record<string, unknown>][]): Map<number, Record<string, unknown>> {
  return new Map(entries);
}

describe('remoteUsersOf', () => {
  it("lists one person's tabs once, keyed by the lowest client id, and people apart even under one name", () => {
    const users = remoteUsersOf(
      states([
        [1, { name: 'Ann', color: '#c92a2a', awarenessData: { browserId: 'ann-browser' } }],
        [9, { name: 'Ben', color: '#1971c2', awarenessData: { browserId: 'ben-browser' } }],
        [4, { name: 'Ben', color: '#1971c2', awarenessData: { browserId: 'ben-browser' } }],
        [7, { name: 'Ben', color: '#1971c2', awarenessData: { browserId: 'other-ben' } }],
        [5, { name: 'Cat', color: '#237a36' }],
        [6, { name: 'Cat', color: '#237a36' }],
      ]),
      1,
      self,
    );
    expect(users.map(({ clientId, name, tabs }) => ({ clientId, name, tabs }))).toEqual([
      { clientId: 4, name: 'Ben', tabs: 2 },
      // Without a browser id (an older client), each client is a person.
      { clientId: 5, name: 'Cat', tabs: 1 },
      { clientId: 6, name: 'Cat', tabs: 1 },
      { clientId: 7, name: 'Ben', tabs: 1 },
    ]);
  });

  it('marks our own other tabs, but not someone else in this browser under another name', () => {
    const users = remoteUsersOf(
      states([
        [1, { name: 'Ann', awarenessData: { browserId: 'ann-browser' } }],
        [2, { name: 'Ann', awarenessData: { browserId: 'ann-browser' } }],
        [3, { name: 'Dan', awarenessData: { browserId: 'ann-browser' } }],
      ]),
      1,
      self,
    );
    expect(users.map(({ name, isSelfElsewhere }) => ({ name, isSelfElsewhere }))).toEqual([
      { name: 'Ann', isSelfElsewhere: true },
      { name: 'Dan', isSelfElsewhere: false },
    ]);
  });

  it('names someone who published no name Anonymous, in a neutral colour', () => {
    expect(remoteUsersOf(states([[2, { name: ' ' }]]), 1, self)).toEqual([
      { clientId: 2, name: 'Anonymous', color: '#6b7280', tabs: 1, isSelfElsewhere: false },
    ]);
  });
});
