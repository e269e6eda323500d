// `restore <doc> <snapshot-id>`: makes a version the current content, keeping the replaced content as a version.
import type { RestoreResult } from '../../versions/version-service';
import { println, type Command } from '../command';

export const restoreCommand: Command = {
  name: 'restore',
  usage: 'restore <doc> <snapshot-id>',
  summary: 'make a version the current content (the replaced content is kept as a version)',
  positionals: ['doc', 'snapshot-id'],
  options: {},
  async run({ args: [doc = '', id = ''], values, client, io }) {
    const path = `/admin/docs/${encodeURIComponent(doc)}/snapshots/${encodeURIComponent(id)}/restore`;
    const result = await client.json<RestoreResult>('POST', path);
    if (values.json) return println(io, JSON.stringify(result));
    println(io, `restored ${doc} to version ${result.restored.id}; the replaced content is version ${result.previous.id}`);
  },
};
