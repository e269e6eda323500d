// DocumentReplacements runs a document's replacements one at a time, here and (through the fan-out's exclusive
// sections) across instances; when the other instances cannot be asked, the replacement is refused as unavailable.
import { describe, expect, it } from 'vitest';
import { TandemError } from '../errors';
import { LocalFanout } from '../fanout/local-fanout';
import { DocumentReplacements } from './document-replacements';

describe('DocumentReplacements', () => {
  it('runs the replacements of one document one after the other', async () => {
    const replacements = new DocumentReplacements(new LocalFanout());
    const events: string[] = [];
    const replace = (name: string) => async () => {
      events.push(`${name} starts`);
      await new Promise((resolve) => setImmediate(resolve));
      events.push(`${name} ends`);
    };
    await Promise.all([replacements.oneAtATime('doc', replace('first')), replacements.oneAtATime('doc', replace('second'))]);
    expect(events).toEqual(['first starts', 'first ends', 'second starts', 'second ends']);
  });

  it('refuses a replacement as unavailable when the other instances cannot be asked, and passes its own errors on', async () => {
    const unreachable = new DocumentReplacements({ exclusive: () => Promise.reject(new Error('redis publisher is reconnecting')) });
    const refused = unreachable.oneAtATime('doc', async () => 'replaced');
    await expect(refused).rejects.toThrow(TandemError);
    await expect(refused).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('redis publisher is reconnecting') });

    const reachable = new DocumentReplacements(new LocalFanout());
    const tooLarge = new TandemError('too_large', 'document doc would grow past MAX_DOC_BYTES');
    await expect(reachable.oneAtATime('doc', () => Promise.reject(tooLarge))).rejects.toBe(tooLarge);
    expect(reachable.isReplacing('doc')).toBe(false);
  });
});
