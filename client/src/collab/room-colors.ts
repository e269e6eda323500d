// No two people in a document share a colour. Each person's colour follows from their name (colorForName), so the
// same person looks the same everywhere; but twelve colours run out fast (three people share one about a quarter
// of the time), and two carets of one colour cannot be told apart. So within a document the person who came first
// keeps their colour, and someone arriving later whose colour is taken gets the next free one around the palette.
// Arrival order cannot trust each browser's clock (one running minutes slow would put its person first): a page
// counts as arriving after everyone it finds in the document (arrivalTimeIn), and until it has seen them, last.
// Every page works this out the same way from the same awareness states (each person's name, published colour and
// when their first tab joined), and each publishes the colour it gets, so carets and avatars agree everywhere. A
// colour once given is kept while it stays free: nobody changes colour because someone else left.
import { colorForName, palette } from './identity';

/** What a Tandem page publishes about itself in its awareness state's `awarenessData` (see DocumentEditor). */
export interface PageAwarenessData {
  /** The same in every tab of one browser (see identity.ts). */
  readonly browserId: string;
  /** When this page opened the document, in ms since the epoch (ARRIVING until it has seen who is here): it orders people for colours. */
  readonly joinedAt: number;
}

/** The join time of a page that has not yet seen who is in the document: it comes after everyone. */
export const ARRIVING = Number.MAX_SAFE_INTEGER;

/**
 * The join time for a page arriving now among `states`: its own clock's time, unless someone here already has that
 * or a later one (their clock runs fast, or this one slow), then just after the latest of them.
 */
export function arrivalTimeIn(states: ReadonlyMap<number, Record<string, unknown>>, ownClientId: number, now: number): number {
  let latest = Number.NEGATIVE_INFINITY;
  for (const [clientId, state] of states) {
    const joinedAt = (state.awarenessData as { joinedAt?: unknown } | undefined)?.joinedAt;
    if (clientId !== ownClientId && typeof joinedAt === 'number' && joinedAt !== ARRIVING) latest = Math.max(latest, joinedAt);
  }
  return Math.max(now, latest + 1);
}

/** One person as the colour assignment sees them: all their tabs together. */
interface Claimant {
  /** Their name's colour. */
  readonly preferred: string;
  /** The colour they publish now (their name's colour until this code gives them another). */
  readonly published: string | null;
  /** Earliest join of their tabs; people who do not publish one (other clients) keep their colour, so come first. */
  readonly joinedAt: number;
  readonly clientId: number;
  /** Their published colour can be moved by this code (they publish a join time); others' is fixed. */
  readonly isMovable: boolean;
}

/** The key that makes several tabs one person, as the presence bar groups them (browser and name). */
export function personKeyOf(clientId: number, state: Record<string, unknown>): string {
  const { name, awarenessData } = state as { name?: unknown; awarenessData?: { browserId?: unknown } };
  const browserId = awarenessData?.browserId;
  return typeof browserId === 'string' ? `${browserId}\n${typeof name === 'string' ? name : ''}` : `client ${clientId}`;
}

/**
 * Each person's colour in the room, by person key: in order of arrival, each keeps the palette colour they publish
 * if nobody before them has it, else takes the first free colour from their name's one around the palette (their
 * name's colour when all are taken). People whose pages do not take part (no join time) keep whatever they publish.
 */
export function roomColorsOf(states: ReadonlyMap<number, Record<string, unknown>>): Map<string, string> {
  const people = new Map<string, Claimant>();
  for (const [clientId, state] of states) {
    const claimant = claimantOf(clientId, state);
    if (claimant === null) continue;
    const key = personKeyOf(clientId, state);
    const known = people.get(key);
    if (known === undefined || isEarlier(claimant, known)) people.set(key, claimant);
  }
  const ordered = [...people].sort(([, a], [, b]) => (isEarlier(a, b) ? -1 : 1));
  const taken = new Set<string>();
  const colors = new Map<string, string>();
  for (const [key, claimant] of ordered) {
    const color = colorFor(claimant, taken);
    taken.add(color);
    colors.set(key, color);
  }
  return colors;
}

/** The colour `claimant` gets when the people before them have the colours in `taken`. */
function colorFor(claimant: Claimant, taken: ReadonlySet<string>): string {
  if (!claimant.isMovable) return claimant.preferred;
  if (isFreePaletteColor(claimant.published, taken)) return claimant.published;
  return firstFreeFrom(claimant.preferred, taken);
}

function claimantOf(clientId: number, state: Record<string, unknown>): Claimant | null {
  const { name, color, awarenessData } = state as { name?: unknown; color?: unknown; awarenessData?: { joinedAt?: unknown } };
  const joinedAt = awarenessData?.joinedAt;
  if (typeof joinedAt === 'number' && typeof name === 'string') {
    const published = typeof color === 'string' ? color : null;
    return { preferred: colorForName(name), published, joinedAt, clientId, isMovable: true };
  }
  if (typeof color === 'string') {
    return { preferred: color, published: color, joinedAt: Number.NEGATIVE_INFINITY, clientId, isMovable: false };
  }
  return null;
}

function isEarlier(a: Claimant, b: Claimant): boolean {
  return a.joinedAt !== b.joinedAt ? a.joinedAt < b.joinedAt : a.clientId < b.clientId;
}

function isFreePaletteColor(color: string | null, taken: ReadonlySet<string>): color is string {
  return color !== null && (palette as readonly string[]).includes(color) && !taken.has(color);
}

function firstFreeFrom(preferred: string, taken: ReadonlySet<string>): string {
  const start = Math.max(0, (palette as readonly string[]).indexOf(preferred));
  for (let step = 0; step < palette.length; step++) {
    const candidate = palette[(start + step) % palette.length]!;
    if (!taken.has(candidate)) return candidate;
  }
  return preferred;
}
