import { describe, expect, it } from 'vitest';
import { arrivalsMessage, nextAnnouncement } from './arrivals-message';
import type { RemoteUser } from './use-remote-users';

function user(clientId: number, name: string, isSelfElsewhere = false): RemoteUser {
  return { clientId, name, color: '#000', tabs: 1, isSelfElsewhere };
}

describe('arrivalsMessage', () => {
  it('says who arrived and who left', () => {
    expect(arrivalsMessage([], [user(1, 'Ann')])).toBe('Ann is here.');
    expect(arrivalsMessage([user(1, 'Ann')], [])).toBe('Ann left.');
    expect(arrivalsMessage([user(1, 'Ann')], [user(2, 'Ben'), user(3, 'Cat')])).toBe('Ben and Cat are here. Ann left.');
  });

  it('says nothing when the same people are here, renamed or not, or only your own other tab came', () => {
    expect(arrivalsMessage([user(1, 'Ann')], [user(1, 'Ann Archer')])).toBeNull();
    expect(arrivalsMessage([], [user(4, 'Me', true)])).toBeNull();
  });
});

describe('nextAnnouncement', () => {
  it('changes the live region for the same sentence again, so it is read out again', () => {
    expect(nextAnnouncement('', 'Ann left.')).toBe('Ann left.');
    const again = nextAnnouncement('Ann left.', 'Ann left.');
    expect(again).not.toBe('Ann left.');
    expect(again.trim()).toBe('Ann left.');
    expect(nextAnnouncement(again, 'Ann left.')).toBe('Ann left.');
    expect(nextAnnouncement('Ann left.', 'Ben is here.')).toBe('Ben is here.');
  });
});
