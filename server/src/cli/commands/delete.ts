// `delete <doc>`: removes a document and its versions, closing its connections (4410).
import { println, type Command } from '../command';

export const deleteCommand: Command = {
  name: 'delete',
  usage: 'delete <doc>',
  summary: 'delete a document and its versions, disconnecting its editors',
  positionals: ['doc'],
  options: {},
  async run({ args: [doc = ''], values, client, io }) {
    const result = await client.json<{ name: string; deleted: boolean }>('DELETE', `/admin/docs/${encodeURIComponent(doc)}`);
    if (values.json) return println(io, JSON.stringify(result));
    println(io, `deleted ${doc}`);
  },
};
