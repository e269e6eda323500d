import { describe, expect, it } from 'vitest';
import { colorForName, palette } from './identity';
import { ARRIVING, arrivalTimeIn, personKeyOf, roomColorsOf } from './room-colors';

// Names whose own colours are the palette's second colour, and one whose colour is the third.
const [bob, cy, ann] = ['Bob Stone', 'Cy', 'Ann Lee'];

interface Page {
  clientId: number;
  name: string;
  browserId: string;
  joinedAt: number;
  /** What the page publishes; its name's colour unless given. */
  color?: string;
}

function statesOf(pages: Page[]): Map<number, Record<string, unknown>> {
  return new Map(
    pages.map((page) => [
      page.clientId,
      { name: page.name, color: page.color ?? colorForName(page.name), awarenessData: { browserId: page.browserId, joinedAt: page.joinedAt } },
    ]),
  );
}

/** Each page's colour, by client id. */
function colorsOf(pages: Page[]): Record<number, string> {
  const states = statesOf(pages);
  const colors = roomColorsOf(states);
  return Object.fromEntries(pages.map((page) => [page.clientId, colors.get(personKeyOf(page.clientId, states.get(page.clientId)!))!]));
}

describe('roomColorsOf', () => {
  it('gives the names under test the colours the cases below rely on', () => {
    expect([colorForName(bob), colorForName(cy), colorForName(ann)]).toEqual([palette[1], palette[1], palette[2]]);
  });

  it('keeps the first comer on their colour and moves a later one to the next free colour', () => {
    const colors = colorsOf([
      { clientId: 50, name: cy, browserId: 'c', joinedAt: 3_000 },
      { clientId: 70, name: bob, browserId: 'b', joinedAt: 2_000 },
      { clientId: 10, name: ann, browserId: 'a', joinedAt: 1_000 },
    ]);
    // Bob came before Cy: Bob keeps the second colour; Cy's next, the third, is Ann's, so Cy gets the fourth.
    expect(colors).toEqual({ 10: palette[2], 70: palette[1], 50: palette[3] });
  });

  it('orders people who joined in the same millisecond by client id, the same on every page', () => {
    const pages = [
      { clientId: 8, name: bob, browserId: 'b', joinedAt: 1_000 },
      { clientId: 3, name: cy, browserId: 'c', joinedAt: 1_000 },
    ];
    expect(colorsOf(pages)).toEqual({ 3: palette[1], 8: palette[2] });
    expect(colorsOf([...pages].reverse())).toEqual({ 3: palette[1], 8: palette[2] });
  });

  it('lets nobody change colour when someone else leaves', () => {
    // Cy was moved to the third colour while Bob was here; Bob has gone.
    expect(colorsOf([{ clientId: 5, name: cy, browserId: 'c', joinedAt: 3_000, color: palette[2] }])).toEqual({ 5: palette[2] });
  });

  it("gives a person's tabs one colour: the one their first tab has", () => {
    const colors = colorsOf([
      { clientId: 1, name: bob, browserId: 'b', joinedAt: 1_000 },
      { clientId: 2, name: cy, browserId: 'c', joinedAt: 2_000, color: palette[2] },
      // Cy's new tab publishes Cy's own colour until it learns the person's.
      { clientId: 3, name: cy, browserId: 'c', joinedAt: 5_000 },
    ]);
    expect(colors).toEqual({ 1: palette[1], 2: palette[2], 3: palette[2] });
  });

  it('keeps the colour a client outside Tandem publishes, and works around it', () => {
    const states = statesOf([{ clientId: 9, name: bob, browserId: 'b', joinedAt: 1_000 }]);
    states.set(4, { name: 'script', color: palette[1] });
    const colors = roomColorsOf(states);
    expect(colors.get('client 4')).toBe(palette[1]);
    expect(colors.get(personKeyOf(9, states.get(9)!))).toBe(palette[2]);
  });

  it('gives out every palette colour once before any repeats', () => {
    const pages = Array.from({ length: palette.length + 1 }, (_, i) => ({ clientId: i + 1, name: bob, browserId: `b${i}`, joinedAt: i }));
    const colors = Object.values(colorsOf(pages));
    expect(new Set(colors.slice(0, palette.length)).size).toBe(palette.length);
    expect(colors[palette.length]).toBe(colorForName(bob));
  });
});

describe('arrivalTimeIn', () => {
  const here = statesOf([
    { clientId: 1, name: ann, browserId: 'a', joinedAt: 5_000 },
    { clientId: 2, name: bob, browserId: 'b', joinedAt: 9_000 },
    { clientId: 3, name: cy, browserId: 'c', joinedAt: ARRIVING },
  ]);

  it("is the page's own time when everyone here joined before it", () => {
    expect(arrivalTimeIn(here, 7, 20_000)).toBe(20_000);
  });

  it('comes just after the latest person here when this clock is behind theirs, so a slow clock never puts its page first', () => {
    expect(arrivalTimeIn(here, 7, 1_000)).toBe(9_001);
    const colors = colorsOf([
      { clientId: 1, name: ann, browserId: 'a', joinedAt: 5_000 },
      { clientId: 7, name: 'Cleo', browserId: 'c', joinedAt: arrivalTimeIn(here, 7, 1_000) },
    ]);
    expect(colors[1]).toBe(colorForName(ann));
    expect(colors[7]).not.toBe(colorForName(ann));
  });

  it('leaves out the page itself and pages still arriving', () => {
    expect(arrivalTimeIn(here, 2, 1_000)).toBe(5_001);
    expect(arrivalTimeIn(new Map(), 7, 1_000)).toBe(1_000);
  });

  it('orders a page still arriving after everyone', () => {
    expect(colorsOf([
      { clientId: 1, name: bob, browserId: 'a', joinedAt: ARRIVING },
      { clientId: 2, name: cy, browserId: 'b', joinedAt: 9_000 },
    ])).toEqual({ 1: palette[2], 2: palette[1] });
  });
});
