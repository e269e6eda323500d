import { describe, expect, it } from 'vitest';
import { readClientConfig } from './config';

const at = (path: string, protocol = 'http:') => {
  const url = new URL(path, `${protocol}//tandem.example:8787`);
  return { pathname: url.pathname, search: url.search, hash: url.hash, protocol: url.protocol, host: url.host, origin: url.origin };
};

describe('readClientConfig', () => {
  it('routes / to the document list and /d/<doc> to the editor', () => {
    expect(readClientConfig(at('/')).route).toEqual({ kind: 'home' });
    expect(readClientConfig(at('/d/brave-otter-7f3k2q')).route).toEqual({ kind: 'doc', docName: 'brave-otter-7f3k2q' });
    expect(readClientConfig(at('/d/notes/')).route).toEqual({ kind: 'doc', docName: 'notes' });
  });

  it('explains a document name the server would refuse', () => {
    expect(readClientConfig(at('/d/.hidden')).route).toMatchObject({ kind: 'bad-doc', raw: '.hidden', problem: 'leading-dot' });
    expect(readClientConfig(at('/d/a%20b')).route).toMatchObject({ kind: 'bad-doc', raw: 'a b', problem: 'characters' });
    expect(readClientConfig(at('/elsewhere')).route).toEqual({ kind: 'not-found', path: '/elsewhere' });
  });

  it('reads the name and token from the query and builds the WebSocket URL for the page protocol', () => {
    const config = readClientConfig(at('/d/x?name=%20Ada%20&token=abc'));
    expect(config).toMatchObject({ nameParam: 'Ada', token: 'abc', collabUrl: 'ws://tandem.example:8787/collab' });
    expect(readClientConfig(at('/d/x', 'https:')).collabUrl).toBe('wss://tandem.example:8787/collab');
    expect(readClientConfig(at('/d/x?name=')).nameParam).toBeUndefined();
  });

  it('gives the address without ?name=, every other parameter kept as written, and none when there is no name', () => {
    expect(readClientConfig(at('/d/x?name=Ada&token=a.b_c-d')).addressWithoutName).toBe('/d/x?token=a.b_c-d');
    expect(readClientConfig(at('/d/x?token=t&name=Ada%20Lovelace&tokenUrl=%2Ft%3Fdoc%3Dx#top')).addressWithoutName).toBe('/d/x?token=t&tokenUrl=%2Ft%3Fdoc%3Dx#top');
    expect(readClientConfig(at('/d/x?name=')).addressWithoutName).toBe('/d/x');
    expect(readClientConfig(at('/d/x?token=t')).addressWithoutName).toBeUndefined();
  });

  it('takes a token URL on the page’s own origin only', () => {
    expect(readClientConfig(at('/d/x?tokenUrl=/auth/tandem-token%3Fdoc%3Dx')).tokenUrl).toBe('http://tandem.example:8787/auth/tandem-token?doc=x');
    expect(readClientConfig(at('/d/x?tokenUrl=http%3A%2F%2Ftandem.example%3A8787%2Ft')).tokenUrl).toBe('http://tandem.example:8787/t');
    for (const foreign of ['https://evil.example/t', '//evil.example/t', 'https://tandem.example:8787/t']) {
      expect(readClientConfig(at(`/d/x?tokenUrl=${encodeURIComponent(foreign)}`)).tokenUrl, foreign).toBeUndefined();
    }
    expect(readClientConfig(at('/d/x')).tokenUrl).toBeUndefined();
  });
});
