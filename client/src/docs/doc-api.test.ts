import { describe, expect, it, vi } from 'vitest';
import type { TokenSource } from '../collab/token-source';
import { ApiError, createDocApi } from './doc-api';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const expired = () => json({ error: { code: 'unauthorized', message: 'the token is expired' } }, 401);

function tokenSource(fresh: string | null): TokenSource {
  let token = 'old';
  return {
    current: () => token,
    refresh: vi.fn(async () => {
      if (fresh !== null) token = fresh;
      return fresh;
    }),
  };
}

const authorizationOf = (init: RequestInit | undefined) => new Headers(init?.headers).get('Authorization');

describe('createDocApi', () => {
  it('renews an expired token once and repeats the request with the fresh one', async () => {
    const fetch = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => (authorizationOf(init) === 'Bearer fresh' ? json([]) : expired()));
    const source = tokenSource('fresh');
    const api = createDocApi({ docName: 'notes', tokenSource: source, fetch });
    await expect(api.createSnapshot('v1')).resolves.toBeUndefined();
    expect(fetch.mock.calls.map(([, init]) => authorizationOf(init))).toEqual(['Bearer old', 'Bearer fresh']);
    expect(fetch.mock.calls[1]?.[1]).toMatchObject({ method: 'POST', body: JSON.stringify({ label: 'v1' }) });
    expect(source.refresh).toHaveBeenCalledTimes(1);
  });

  it('reports the 401 when the token cannot be renewed, or the renewed one is refused too', async () => {
    for (const source of [tokenSource(null), tokenSource('also-expired')]) {
      const api = createDocApi({ docName: 'notes', tokenSource: source, fetch: async () => expired() });
      const error = await api.listSnapshots().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 401, message: 'The token is expired.' });
      expect(source.refresh).toHaveBeenCalledTimes(1);
    }
  });

  it('tells a person in sentences: the server words as one, and a 404 in words of its own', async () => {
    const answer = (response: Response) => createDocApi({ docName: 'notes', tokenSource: tokenSource(null), fetch: async () => response });
    const missing = await answer(json({ error: { code: 'not_found', message: 'no document named notes' } }, 404)).listSnapshots().catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, code: 'not_found', message: expect.stringMatching(/^The server does not have this document/) });
    const bad = await answer(json({ error: { code: 'bad_request', message: 'label is too long' } }, 400)).createSnapshot('x').catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 400, message: 'Label is too long.' });
  });
});
