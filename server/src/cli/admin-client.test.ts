import { describe, expect, it } from 'vitest';
import { describeFetchFailure } from './admin-client';

const URL = 'http://127.0.0.1:8787';

/** What Node's fetch throws: a TypeError whose cause carries the system error code. */
function fetchFailure(code: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code}`), { code }) });
}

describe('describeFetchFailure', () => {
  it('calls a refused or unresolvable connection an unreachable server', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND']) expect(describeFetchFailure(fetchFailure(code), URL, undefined)).toBe(`cannot reach Tandem at ${URL}: is it running?`);
    const both = new TypeError('fetch failed', { cause: new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]) });
    expect(describeFetchFailure(both, URL, undefined)).toBe(`cannot reach Tandem at ${URL}: is it running?`);
  });

  it('says a connection broke off, and while sending a large body points at the size limit', () => {
    expect(describeFetchFailure(fetchFailure('ECONNRESET'), URL, undefined)).toBe(`the connection to Tandem at ${URL} broke off (ECONNRESET)`);
    expect(describeFetchFailure(fetchFailure('EPIPE'), URL, new Uint8Array(80 * 2 ** 20))).toBe(
      `the connection to Tandem at ${URL} broke off while sending 80.0 MB (EPIPE): the server may refuse a body that large (its MAX_DOC_BYTES)`,
    );
  });
});
