// `snapshot <doc> [--label text]`: stores a named version of the current content.
import type { VersionInfo } from '../../versions/version-info';
import { println, type Command } from '../command';

export const snapshotCommand: Command = {
  name: 'snapshot',
  usage: 'snapshot <doc> [--label text]',
  summary: 'store a version of the current content',
  positionals: ['doc'],
  options: { label: { type: 'string', short: 'l' } },
  async run({ args: [doc = ''], values, client, io }) {
    const label = values.label as string | undefined;
    const version = await client.json<VersionInfo>('POST', `/admin/docs/${encodeURIComponent(doc)}/snapshots`, label === undefined ? {} : { label });
    if (values.json) return println(io, JSON.stringify(version));
    println(io, `stored version ${version.id} of ${doc}${version.label === null ? '' : ` "${version.label}"`}`);
  },
};
