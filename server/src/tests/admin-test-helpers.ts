// Shared by the admin, versions and CLI tests: admin requests against a test server, and reading what a stock
// client's Y.Doc shows as Markdown.
import { expect } from 'vitest';
import type * as Y from 'yjs';
import { editorStateToMarkdown } from '../../../shared/lexical/editor-state-to-markdown';
import { editorStateFromYDoc } from '../../../shared/lexical/yjs-to-editor-state';
import type { TestServer } from '../test-support/test-server';

export function adminFetch(server: TestServer, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${server.ctx.adminToken}`);
  return fetch(`${server.url}${path}`, { ...init, headers });
}

export async function importMarkdown(server: TestServer, doc: string, markdown: string): Promise<void> {
  const res = await adminFetch(server, `/admin/docs/${doc}/import?format=markdown`, { method: 'PUT', body: markdown });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** The Markdown a browser bound to `doc` would show. */
export function markdownOf(doc: Y.Doc): string {
  return editorStateToMarkdown(editorStateFromYDoc(doc));
}

/** Asserts CONTRACT's error shape and returns its code. */
export async function expectError(res: Response, status: number, code: string): Promise<string> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error.message;
}
