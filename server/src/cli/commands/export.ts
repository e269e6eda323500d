// `export <doc> --format <f> [-o file]`: the current document, to a file or stdout.
import { writeFile } from 'node:fs/promises';
import { CliError } from '../cli-error';
import { println, type Command } from '../command';
import { exportFormatOption } from './format-option';

export const exportCommand: Command = {
  name: 'export',
  usage: 'export <doc> --format yjs|json|markdown|html|text [-o file]',
  summary: 'write the current document to a file or stdout (format defaults to the file extension, else markdown)',
  positionals: ['doc'],
  options: { format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' } },
  async run({ args: [doc = ''], values, client, io }) {
    const output = values.output as string | undefined;
    const format = exportFormatOption(values.format, output);
    const body = await client.bytes(`/admin/docs/${encodeURIComponent(doc)}/export?format=${format}`);
    if (output === undefined) {
      io.stdout.write(body);
      return;
    }
    try {
      await writeFile(output, body);
    } catch (cause) {
      throw new CliError(`cannot write ${output}: ${(cause as Error).message}`, 1, { cause });
    }
    if (values.json) return println(io, JSON.stringify({ doc, format, file: output, bytes: body.byteLength }));
    println(io, `wrote ${doc} as ${format} to ${output} (${body.byteLength} bytes)`);
  },
};
