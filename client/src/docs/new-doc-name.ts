// Names for new documents: readable (`brave-otter-7f3k2q`) yet unguessable, since anyone with the name can open
// the document when the server runs without tokens. Two words carry 12 bits, the suffix 30 more.
const adjectives = [
  'amber', 'azure', 'bold', 'brave', 'breezy', 'bright', 'brisk', 'calm', 'clever', 'cosmic', 'crisp', 'curious',
  'daring', 'dapper', 'eager', 'early', 'fancy', 'fearless', 'fluffy', 'frosty', 'gentle', 'glad', 'golden', 'grand',
  'happy', 'hidden', 'honest', 'humble', 'jolly', 'keen', 'kind', 'lively', 'lucky', 'mellow', 'merry', 'misty',
  'noble', 'nimble', 'plucky', 'polite', 'proud', 'quick', 'quiet', 'rapid', 'rosy', 'rustic', 'shiny', 'silver',
  'sleepy', 'smooth', 'snowy', 'spry', 'steady', 'sunny', 'swift', 'tidy', 'tiny', 'vivid', 'warm', 'wise',
  'witty', 'young', 'zany', 'zesty',
] as const;

const animals = [
  'badger', 'beaver', 'bison', 'crane', 'cricket', 'dolphin', 'eagle', 'falcon', 'ferret', 'finch', 'fox', 'gecko',
  'gibbon', 'heron', 'hornet', 'ibis', 'jackal', 'koala', 'lark', 'lemur', 'lynx', 'magpie', 'marten', 'mole',
  'moose', 'newt', 'ocelot', 'orca', 'osprey', 'otter', 'owl', 'panda', 'panther', 'parrot', 'pelican', 'penguin',
  'puffin', 'quail', 'rabbit', 'raven', 'robin', 'salmon', 'seal', 'shrew', 'sparrow', 'squid', 'stoat', 'swan',
  'tapir', 'tiger', 'toucan', 'trout', 'turtle', 'viper', 'walrus', 'weasel', 'whale', 'wolf', 'wombat', 'wren',
  'yak', 'zebra', 'bobcat', 'coyote',
] as const;

// 32 symbols without look-alikes (no 0/o, 1/l): a byte masked to 5 bits picks one without bias.
const suffixAlphabet = '23456789abcdefghijkmnpqrstuvwxyz';
const suffixLength = 6;

export type RandomBytes = (count: number) => Uint8Array;

const cryptoBytes: RandomBytes = (count) => crypto.getRandomValues(new Uint8Array(count));

/** A fresh document name; both word lists have 64 entries, so a byte masked to 6 bits picks without bias. */
export function newDocName(randomBytes: RandomBytes = cryptoBytes): string {
  const bytes = randomBytes(2 + suffixLength);
  const adjective = adjectives[(bytes[0] ?? 0) & 63];
  const animal = animals[(bytes[1] ?? 0) & 63];
  let suffix = '';
  for (let i = 2; i < bytes.length; i++) suffix += suffixAlphabet[(bytes[i] ?? 0) & 31];
  return `${adjective}-${animal}-${suffix}`;
}
