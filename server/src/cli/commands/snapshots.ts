// `snapshots <doc>`: the document's versions, newest first.
import type { VersionInfo } from '../../versions/version-info';
import { println, type Command } from '../command';
import { formatBytes, formatTable, formatTime } from '../format-table';

export const snapshotsCommand: Command = {
  name: 'snapshots',
  usage: 'snapshots <doc> [--json]',
  summary: "list a document's versions, newest first",
  positionals: ['doc'],
  options: {},
  async run({ args: [doc = ''], values, client, io }) {
    const versions = await client.json<VersionInfo[]>('GET', `/admin/docs/${encodeURIComponent(doc)}/snapshots`);
    if (values.json) return println(io, JSON.stringify(versions, null, 2));
    if (versions.length === 0) return println(io, `${doc} has no versions`);
    const rows = versions.map((v) => [v.id, formatTime(v.createdAt), v.kind, formatBytes(v.bytes), v.author ?? '-', v.label ?? '']);
    println(io, formatTable(['ID', 'CREATED', 'KIND', 'SIZE', 'AUTHOR', 'LABEL'], rows));
  },
};
