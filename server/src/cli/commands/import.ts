// `import <doc> --format <f> [-i file]`: replaces the document's content (creating it if new) from a file or stdin;
// open editors show the new content at once.
import { readFile } from 'node:fs/promises';
import { formatContentType } from '../../documents/document-format';
import type { DocSummary } from '../../documents/document-service';
import { CliError, usageError } from '../cli-error';
import { println, type CliIo, type Command } from '../command';
import { formatBytes } from '../format-table';
import { importFormatOption } from './format-option';

export const importCommand: Command = {
  name: 'import',
  usage: 'import <doc> --format markdown|json|yjs [-i file]',
  summary: 'replace the content of a document from a file or stdin (live editors see it)',
  createsDocuments: true,
  positionals: ['doc'],
  options: { format: { type: 'string', short: 'f' }, input: { type: 'string', short: 'i' } },
  async run({ args: [doc = ''], values, client, io }) {
    const input = values.input as string | undefined;
    const format = importFormatOption(values.format, input);
    const body = input === undefined ? await readStdin(io) : await readInput(input);
    const path = `/admin/docs/${encodeURIComponent(doc)}/import?format=${format}`;
    const summary = await client.put<DocSummary>(path, body, formatContentType[format]);
    if (values.json) return println(io, JSON.stringify(summary));
    println(io, `imported ${format} into ${doc} (${formatBytes(summary.bytes)} stored, ${summary.clients} open)`);
  },
};

async function readInput(file: string): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return await readFile(file);
  } catch (cause) {
    throw new CliError(`cannot read ${file}: ${(cause as Error).message}`, 1, { cause });
  }
}

async function readStdin(io: CliIo): Promise<Uint8Array<ArrayBuffer>> {
  if (io.stdin.isTTY) throw usageError('give the content with -i file, or pipe it on stdin');
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
