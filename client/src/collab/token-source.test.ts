import { describe, expect, it, vi } from 'vitest';
import { createTokenSource, TokenRefreshError } from './token-source';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('createTokenSource', () => {
  it('cannot renew a token that came only in the address', async () => {
    const source = createTokenSource({ token: 'abc', tokenUrl: undefined });
    expect(source.current()).toBe('abc');
    await expect(source.refresh()).resolves.toBeNull();
    expect(source.current()).toBe('abc');
  });

  it('fetches a fresh token from the token URL with the site’s cookies and keeps it as the current one', async () => {
    const fetch = vi.fn(async () => json({ token: 'fresh' }));
    const source = createTokenSource({ token: 'old', tokenUrl: 'https://tandem.example/token', fetch });
    await expect(source.refresh()).resolves.toBe('fresh');
    expect(source.current()).toBe('fresh');
    expect(fetch).toHaveBeenCalledWith('https://tandem.example/token', expect.objectContaining({ credentials: 'include', cache: 'no-store' }));
  });

  it('asks once when the socket and an API call renew at the same moment', async () => {
    let answer: (response: Response) => void = () => undefined;
    const fetch = vi.fn(() => new Promise<Response>((resolve) => (answer = resolve)));
    const source = createTokenSource({ token: 'old', tokenUrl: 'https://tandem.example/token', fetch });
    const both = Promise.all([source.refresh(), source.refresh()]);
    answer(json({ token: 'fresh' }));
    await expect(both).resolves.toEqual(['fresh', 'fresh']);
    expect(fetch).toHaveBeenCalledTimes(1);
    fetch.mockImplementation(async () => json({ token: 'fresher' }));
    await expect(source.refresh()).resolves.toBe('fresher');
  });

  it('gives up (null) when the site refuses, and fails retryably on errors and malformed answers', async () => {
    const answers = [json({ error: 'signed out' }, 401), json({}, 500), json({ nope: 1 }), new Response('<html>', { status: 200 })];
    const source = createTokenSource({ token: 'old', tokenUrl: 'https://tandem.example/token', fetch: async () => answers.shift() as Response });
    await expect(source.refresh()).resolves.toBeNull();
    for (let i = 0; i < 3; i++) await expect(source.refresh()).rejects.toBeInstanceOf(TokenRefreshError);
    const offline = createTokenSource({ token: 'old', tokenUrl: 'https://tandem.example/token', fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(offline.refresh()).rejects.toBeInstanceOf(TokenRefreshError);
    expect(source.current()).toBe('old');
  });
});
