// A small client for a test server's admin API (CONTRACT: /admin/*), authorized with the token the server keeps in
// DATA_DIR/admin-token, plus the anonymous user API (/api/*) the editor's own menus use.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TandemServer } from './tandem-server';

export type ExportFormat = 'markdown' | 'html' | 'text' | 'json';

export interface SnapshotInfo {
  id: string;
  label: string | null;
  createdAt: number | string;
  bytes: number;
  author?: string | null;
  kind?: string | null;
}

export interface AdminApi {
  /** Names of the stored documents. */
  listDocs(): Promise<string[]>;
  exportDoc(doc: string, format: ExportFormat): Promise<string>;
  importDoc(doc: string, format: 'markdown' | 'json', body: string): Promise<unknown>;
  listSnapshots(doc: string): Promise<SnapshotInfo[]>;
  exportSnapshot(doc: string, id: string, format: ExportFormat): Promise<string>;
  deleteDoc(doc: string): Promise<void>;
}

export function adminApi(server: Pick<TandemServer, 'url' | 'dataDir'>): AdminApi {
  // Read on every call: the server writes the file once it has started, and a restart keeps it.
  const token = () => readFileSync(path.join(server.dataDir, 'admin-token'), 'utf8').trim();
  const request = async (method: string, route: string, body?: string): Promise<Response> => {
    const response = await fetch(`${server.url}/admin${route}`, {
      method,
      headers: { Authorization: `Bearer ${token()}`, ...(body === undefined ? {} : { 'Content-Type': 'text/plain' }) },
      body,
    });
    if (!response.ok) throw new Error(`${method} /admin${route}: ${response.status} ${await response.text()}`);
    return response;
  };
  const docPath = (doc: string) => `/docs/${encodeURIComponent(doc)}`;
  return {
    listDocs: async () => ((await (await request('GET', '/docs')).json()) as Array<{ name: string }>).map((doc) => doc.name),
    exportDoc: async (doc, format) => (await request('GET', `${docPath(doc)}/export?format=${format}`)).text(),
    importDoc: async (doc, format, body) => (await request('PUT', `${docPath(doc)}/import?format=${format}`, body)).json(),
    listSnapshots: async (doc) => (await request('GET', `${docPath(doc)}/snapshots`)).json() as Promise<SnapshotInfo[]>,
    exportSnapshot: async (doc, id, format) =>
      (await request('GET', `${docPath(doc)}/snapshots/${encodeURIComponent(id)}/export?format=${format}`)).text(),
    deleteDoc: async (doc) => void (await request('DELETE', docPath(doc))),
  };
}

/** The user API's version list (no token needed while the server runs without AUTH_SECRET). */
export async function userSnapshots(server: Pick<TandemServer, 'url'>, doc: string): Promise<SnapshotInfo[]> {
  const response = await fetch(`${server.url}/api/docs/${encodeURIComponent(doc)}/snapshots`);
  if (!response.ok) throw new Error(`GET /api/docs/${doc}/snapshots: ${response.status} ${await response.text()}`);
  return (await response.json()) as SnapshotInfo[];
}
