// `list`: every stored document with its size, last change and open connections.
import type { DocSummary } from '../../documents/document-service';
import { println, type Command } from '../command';
import { formatBytes, formatTable, formatTime } from '../format-table';

export const listCommand: Command = {
  name: 'list',
  usage: 'list [--json]',
  summary: 'list documents with their size, last change and connections',
  positionals: [],
  options: {},
  async run({ client, values, io }) {
    const docs = await client.json<DocSummary[]>('GET', '/admin/docs');
    if (values.json) return println(io, JSON.stringify(docs, null, 2));
    if (docs.length === 0) return println(io, 'no documents');
    const rows = docs.map((d) => [d.name, formatBytes(d.bytes), formatTime(d.updatedAt), String(d.clients)]);
    println(io, formatTable(['NAME', 'SIZE', 'UPDATED', 'CLIENTS'], rows));
  },
};
