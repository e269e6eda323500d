// Display names for people who have not chosen one: a colour and an animal ("Teal Heron"), so collaborators can
// tell each other apart before anyone renames themselves.
const colours = [
  'Amber', 'Azure', 'Coral', 'Crimson', 'Golden', 'Indigo', 'Ivory', 'Jade', 'Lilac', 'Mint', 'Ochre', 'Olive',
  'Plum', 'Rose', 'Ruby', 'Sage', 'Scarlet', 'Silver', 'Teal', 'Violet',
] as const;

const animals = [
  'Badger', 'Crane', 'Dolphin', 'Falcon', 'Finch', 'Fox', 'Gecko', 'Hare', 'Heron', 'Ibis', 'Koala', 'Lynx',
  'Magpie', 'Marten', 'Otter', 'Owl', 'Panda', 'Puffin', 'Raven', 'Robin', 'Seal', 'Swan', 'Tiger', 'Wren',
] as const;

export function generateFriendlyName(randomUint32: () => number = cryptoUint32): string {
  return `${colours[randomUint32() % colours.length]} ${animals[randomUint32() % animals.length]}`;
}

function cryptoUint32(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
}
