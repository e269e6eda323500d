// Export of a large document through the admin API (Tandem only: the reference servers have no export API).
// A document of 10,000 short paragraphs is imported as Markdown, then `GET /admin/docs/<doc>/export?format=F` is timed
// for every format while the document is loaded (a client holds it open), and once more cold, after it unloaded.
// Every format's output is checked against the paragraphs that went in.
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { startClientProcesses, type ClientProcess } from '../client-process';
import { median, percentile } from '../percentile';
import { cpuPercentBetween, PeakRssWatcher, sampleProcesses } from '../process-stats';
import type { RunningServer } from '../server-process';
import { readMetric, serverComplaints, waitForUnload } from '../tandem-server';
import type { ResultRow, Scenario, ScenarioCase, ScenarioContext } from './scenario';

const paragraphCount = 10_000;
const exportFormats = ['markdown', 'html', 'json', 'text', 'yjs'] as const;
type ExportFormat = (typeof exportFormats)[number];
/** Format of the one cold export (the document read from storage first). */
const coldFormat: ExportFormat = 'markdown';
/** The target for every export of this document. */
const targetMs = 2_000;
const warmupExports = 1;
const idleUnloadMs = 500;
const requestTimeoutMs = 120_000;
const syncTimeoutMs = 120_000;
const unloadTimeoutMs = 30_000;
/** Tandem's Lexical root in the Yjs doc (@lexical/yjs layout). */
const lexicalRootKey = 'root';

function paragraphText(index: number): string {
  return `Paragraph ${index + 1} with some words in it.`;
}

function markdownSource(): string {
  return Array.from({ length: paragraphCount }, (_, i) => paragraphText(i)).join('\n\n');
}

/** The blocks of a Markdown or plain-text export: separated by blank lines. */
function blocksOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
}

function paragraphsOfHtml(html: string): string[] {
  return [...html.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/g)].map((match) => (match[1] ?? '').replace(/<[^>]*>/g, ''));
}

interface JsonNode {
  type?: string;
  text?: string;
  children?: JsonNode[];
}

function paragraphsOfJson(json: string): string[] {
  const state = JSON.parse(json) as { root?: JsonNode };
  const textOf = (node: JsonNode): string => node.text ?? (node.children ?? []).map(textOf).join('');
  return (state.root?.children ?? []).map((block) => (block.type === 'paragraph' ? textOf(block) : `<${block.type}>`));
}

/** The paragraphs of a Tandem Yjs state: the root XmlText embeds one XmlText per block, whose strings are its text. */
function paragraphsOfYjs(state: Uint8Array): string[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const stringsOf = (type: Y.XmlText): string =>
    (type.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  const blocks = (doc.get(lexicalRootKey, Y.XmlText).toDelta() as { insert: unknown }[]).map((op) =>
    op.insert instanceof Y.XmlText ? stringsOf(op.insert) : '<not a block>',
  );
  doc.destroy();
  return blocks;
}

/** Throws unless `body` holds exactly the imported paragraphs, in order. Returns what was checked. */
function verifyExport(format: ExportFormat, body: Uint8Array): string {
  const text = format === 'yjs' ? '' : new TextDecoder().decode(body);
  const paragraphs =
    format === 'markdown' || format === 'text'
      ? blocksOf(text)
      : format === 'html'
        ? paragraphsOfHtml(text)
        : format === 'json'
          ? paragraphsOfJson(text)
          : paragraphsOfYjs(body);
  if (paragraphs.length !== paragraphCount) {
    throw new Error(`${format} export has ${paragraphs.length} paragraphs, expected ${paragraphCount}`);
  }
  const wrong = paragraphs.findIndex((paragraph, i) => paragraph !== paragraphText(i));
  if (wrong >= 0) {
    throw new Error(`${format} export: paragraph ${wrong + 1} is ${JSON.stringify(paragraphs[wrong]?.slice(0, 80))}`);
  }
  return `${paragraphCount} paragraphs`;
}

interface HttpResult {
  status: number;
  ms: number;
  bytes: number;
  sha256: string;
  body?: Uint8Array;
}

class AdminClient {
  constructor(
    private readonly worker: ClientProcess,
    private readonly server: RunningServer,
    private readonly token: string,
    private readonly doc: string,
  ) {}

  async importMarkdown(markdown: string): Promise<HttpResult> {
    const response = await this.worker.call(
      'http',
      {
        url: `${this.server.httpUrl}/admin/docs/${this.doc}/import?format=markdown`,
        method: 'PUT',
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'text/markdown' },
        body: new TextEncoder().encode(markdown),
        shouldReturnBody: true,
        timeoutMs: requestTimeoutMs,
      },
      requestTimeoutMs + 5_000,
    );
    return expectOk(response, 'import');
  }

  async export(format: ExportFormat, shouldReturnBody: boolean): Promise<HttpResult> {
    const response = await this.worker.call(
      'http',
      {
        url: `${this.server.httpUrl}/admin/docs/${this.doc}/export?format=${format}`,
        method: 'GET',
        headers: { authorization: `Bearer ${this.token}` },
        shouldReturnBody,
        timeoutMs: requestTimeoutMs,
      },
      requestTimeoutMs + 5_000,
    );
    return expectOk(response, `${format} export`);
  }
}

function expectOk(response: HttpResult, what: string): HttpResult {
  if (response.status === 200) return response;
  const message = response.body ? new TextDecoder().decode(response.body).slice(0, 300) : '';
  throw new Error(`${what} answered HTTP ${response.status}: ${message}`);
}

interface FormatTiming {
  format: ExportFormat;
  timingsMs: number[];
  bytes: number;
  checked: string;
  serverCpuPct: number;
  /** Server CPU time of each timed export: what an export costs, however busy the machine is. */
  serverCpuMs: number[];
  peakRssBytes: number;
  /** tandem_documents_loaded right after the timed exports: 1 when the document stayed loaded. */
  documentsLoadedAfter: number | null;
}

async function timeFormat(
  admin: AdminClient,
  server: RunningServer,
  format: ExportFormat,
  runs: number,
): Promise<FormatTiming> {
  let checked = '';
  let reference: HttpResult | undefined;
  for (let warmup = 0; warmup < warmupExports; warmup++) {
    reference = await admin.export(format, true);
    checked = verifyExport(format, reference.body ?? new Uint8Array());
  }
  const rssWatcher = new PeakRssWatcher([server.pid], 50);
  const timingsMs: number[] = [];
  const serverCpuMs: number[] = [];
  let cpuSeconds = 0;
  let wallSeconds = 0;
  for (let run = 0; run < runs; run++) {
    const start = sampleProcesses([server.pid]);
    const response = await admin.export(format, false);
    const end = sampleProcesses([server.pid]);
    // The document does not change, so every export must be the warm-up's, byte for byte.
    if (reference && response.sha256 !== reference.sha256) {
      const sizes = `${response.bytes} vs ${reference.bytes} bytes`;
      throw new Error(`${format} export ${run + 1} differs from the verified one (${sizes})`);
    }
    timingsMs.push(response.ms);
    serverCpuMs.push((end.cpuSeconds - start.cpuSeconds) * 1000);
    cpuSeconds += end.cpuSeconds - start.cpuSeconds;
    wallSeconds += (end.atMs - start.atMs) / 1000;
  }
  const documentsLoadedAfter = await readMetric(server, 'tandem_documents_loaded');
  return {
    format,
    timingsMs,
    bytes: reference?.bytes ?? 0,
    checked,
    serverCpuPct: wallSeconds > 0 ? (cpuSeconds / wallSeconds) * 100 : 0,
    serverCpuMs,
    peakRssBytes: rssWatcher.stop(),
    documentsLoadedAfter,
  };
}

function sizeText(bytes: number): string {
  return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MB` : `${Math.round(bytes / 1024)} kB`;
}

const onlyTandem = 'Tandem only (references have no export API)';

function loadedText(documentsLoaded: number | null): string {
  return documentsLoaded === 1 ? 'doc loaded' : `doc loaded? (tandem_documents_loaded ${documentsLoaded ?? 'missing'})`;
}

function cpuText(ms: number | null): string {
  return ms === null ? '–' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

function verdict(ms: number | null): string {
  return `target < ${targetMs / 1000} s: ${ms !== null && ms < targetMs ? 'met' : 'MISSED'}`;
}

async function runExportCase(context: ScenarioContext, token: string): Promise<ResultRow[]> {
  const { server, options } = context;
  const doc = `bench-export-${Date.now().toString(36)}`;
  const workers = await startClientProcesses(context.repoRoot, ['admin-http', 'holder']);
  const [httpWorker, holder] = workers as [ClientProcess, ClientProcess];
  const admin = new AdminClient(httpWorker, server, token, doc);
  try {
    const markdown = markdownSource();
    const imported = await admin.importMarkdown(markdown);
    const importSummary = JSON.parse(new TextDecoder().decode(imported.body)) as { bytes?: number };
    context.log(
      `imported ${paragraphCount} paragraphs (${sizeText(markdown.length)} of Markdown) ` +
        `in ${imported.ms.toFixed(0)} ms; stored ${sizeText(importSummary.bytes ?? 0)}`,
    );
    // A connected client keeps the document loaded for the warm exports (no idle unload while it is there).
    const held = await holder.call(
      'open-readers',
      { kind: server.target.clientKind, wsUrl: server.wsUrl, doc, count: 1, syncTimeoutMs },
      syncTimeoutMs + 5_000,
    );
    context.log(`holder client synced in ${held.syncMs.toFixed(0)} ms`);

    const rows: ResultRow[] = [];
    const common = {
      paragraphs: paragraphCount,
      markdownBytes: markdown.length,
      importMs: imported.ms,
      storedBytes: importSummary.bytes ?? null,
      holderSyncMs: held.syncMs,
    };
    for (const format of exportFormats) {
      const timing = await timeFormat(admin, server, format, options.coldLoadRuns);
      const p50 = median(timing.timingsMs);
      const max = percentile(timing.timingsMs, 100);
      context.log(`${format}: ${timing.timingsMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
      rows.push({
        server: server.target.name,
        scenario: `export ${format}`,
        n: paragraphCount,
        p50Ms: p50,
        p99Ms: max,
        deliveredPct: null,
        serverCpuPct: timing.serverCpuPct,
        serverRssMb: timing.peakRssBytes / 2 ** 20,
        clientCpuPct: null,
        note:
          `${loadedText(timing.documentsLoadedAfter)}; ${sizeText(timing.bytes)}, ${timing.checked} checked; ` +
          `median/max of ${timing.timingsMs.length} after ${warmupExports} warm-up; ` +
          `server CPU ${cpuText(median(timing.serverCpuMs))}/export; ${verdict(max)}; ${onlyTandem}`,
        details: {
          ...common,
          format,
          timingsMs: timing.timingsMs,
          serverCpuMs: timing.serverCpuMs,
          bytes: timing.bytes,
          documentsLoadedAfter: timing.documentsLoadedAfter,
        },
      });
    }

    // Cold: let the document unload, then one export has to read it from storage first.
    await holder.call('close-all', {}, 10_000);
    const unloadStartMs = performance.now();
    await waitForUnload(server, idleUnloadMs, unloadTimeoutMs);
    const unloadWaitMs = performance.now() - unloadStartMs;
    const rssWatcher = new PeakRssWatcher([server.pid], 50);
    const start = sampleProcesses([server.pid]);
    const cold = await admin.export(coldFormat, true);
    const end = sampleProcesses([server.pid]);
    const coldCpuMs = (end.cpuSeconds - start.cpuSeconds) * 1000;
    const checked = verifyExport(coldFormat, cold.body ?? new Uint8Array());
    const complaints = serverComplaints(server);
    context.log(`cold ${coldFormat}: ${cold.ms.toFixed(0)} ms`);
    rows.push({
      server: server.target.name,
      scenario: `export ${coldFormat} cold`,
      n: paragraphCount,
      p50Ms: cold.ms,
      p99Ms: cold.ms,
      deliveredPct: null,
      serverCpuPct: cpuPercentBetween(start, end),
      serverRssMb: rssWatcher.stop() / 2 ** 20,
      clientCpuPct: null,
      note:
        `after unload (IDLE_UNLOAD_MS=${idleUnloadMs}), read from SQLite first; ${sizeText(cold.bytes)}, ` +
        `${checked} checked; 1 run; server CPU ${cpuText(coldCpuMs)}; ${verdict(cold.ms)}; ` +
        `import took ${(imported.ms / 1000).toFixed(1)} s; ${onlyTandem}` +
        (complaints.length > 0 ? `; server logged ${complaints.length} warning/error lines (see details)` : ''),
      details: {
        ...common,
        format: coldFormat,
        timingsMs: [cold.ms],
        serverCpuMs: [coldCpuMs],
        bytes: cold.bytes,
        unloadWaitMs,
        serverComplaints: complaints,
      },
    });
    return rows;
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
  }
}

export function createExportScenario(): Scenario {
  // Passed to the server in its environment, so the harness need not read DATA_DIR/admin-token.
  const adminToken = randomBytes(24).toString('hex');
  return {
    name: 'export',
    description: 'admin export of a 10,000-paragraph document in every format, loaded and cold (Tandem only)',
    supports: (target) => target.name === 'tandem',
    cases: () => [{ label: `${paragraphCount} paragraphs`, n: paragraphCount }],
    serverEnv: (): Record<string, string> => ({ ADMIN_TOKEN: adminToken, IDLE_UNLOAD_MS: String(idleUnloadMs) }),
    // 6 × 5 exports of a large document: allow for a slow or busy machine.
    caseTimeoutMs: 420_000,
    run: (context: ScenarioContext, _testCase: ScenarioCase) => runExportCase(context, adminToken),
  };
}
