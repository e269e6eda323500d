// A client worker process: runs the readers, the writer, the seeder or the loader a scenario asks for, apart
// from the server and from the harness, so its CPU is measured on its own. Exits when the harness disconnects.
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { benchTextName, nowMonotonicMs, type ClientCommands, type ClientReply, type ClientRequest } from './client-protocol';
import { connectClient, type BenchClient } from './connect-client';

type Handlers = {
  [C in keyof ClientCommands]: (params: ClientCommands[C]['params']) => Promise<ClientCommands[C]['result']>;
};

interface Reader {
  text: Y.Text;
  arrivals: (number | null)[];
}

/** A reader of several texts (scale-out): one Reader per watched Y.Text of the same doc. */
type Watcher = Reader[];

/** Records, for every character appended to `text`, when the observer first saw it. */
function watchText(text: Y.Text): Reader {
  const reader: Reader = { text, arrivals: [] };
  text.observe(() => {
    const atMs = nowMonotonicMs();
    for (let seq = reader.arrivals.length; seq < text.length; seq++) reader.arrivals[seq] = atMs;
  });
  return reader;
}

const readerConnectBatch = 25;
const typedAlphabet = 'abcdefghijklmnopqrstuvwxyz';

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** True when every clock in `local` is covered by the acknowledged state vector. */
function isCoveredBy(ackedStateVector: Uint8Array, local: Y.Doc): boolean {
  const acked = Y.decodeStateVector(ackedStateVector);
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(local))) {
    if ((acked.get(client) ?? 0) < clock) return false;
  }
  return true;
}

class ClientWorker {
  private readonly clients: BenchClient[] = [];
  private readers: Reader[] = [];
  private writerText: Y.Text | undefined;
  private watchers: Watcher[] = [];
  private writerTexts: Y.Text[] = [];

  readonly handlers: Handlers = {
    'open-readers': async ({ kind, wsUrl, doc, count, syncTimeoutMs }) => {
      const startMs = performance.now();
      // Batches keep 200 handshakes from landing in one instant, as staggered real users would.
      for (let first = 0; first < count; first += readerConnectBatch) {
        const batch: Promise<void>[] = [];
        for (let i = first; i < Math.min(count, first + readerConnectBatch); i++) {
          const ydoc = new Y.Doc();
          const reader: Reader = { text: ydoc.getText(benchTextName), arrivals: [] };
          reader.text.observe(() => {
            const atMs = nowMonotonicMs();
            for (let seq = reader.arrivals.length; seq < reader.text.length; seq++) reader.arrivals[seq] = atMs;
          });
          this.readers.push(reader);
          const client = connectClient(kind, wsUrl, doc, ydoc, { hasAwareness: false });
          this.clients.push(client);
          batch.push(client.whenSynced);
        }
        await withTimeout(Promise.all(batch), syncTimeoutMs, `syncing readers ${first}..${first + batch.length - 1}`);
      }
      return { syncMs: performance.now() - startMs };
    },

    'collect-readers': async ({ fromSeq, expectedLength, timeoutMs }) => {
      const deadline = performance.now() + timeoutMs;
      while (performance.now() < deadline && this.readers.some((r) => r.text.length < expectedLength)) {
        await sleep(20);
      }
      const arrivals = this.readers.map((r) =>
        Array.from({ length: Math.max(0, expectedLength - fromSeq) }, (_, i) => r.arrivals[fromSeq + i] ?? null),
      );
      return { arrivals };
    },

    'open-writer': async ({ kind, wsUrl, doc, seedUpdate, syncTimeoutMs }) => {
      const startMs = performance.now();
      const ydoc = new Y.Doc();
      const client = connectClient(kind, wsUrl, doc, ydoc, { hasAwareness: true });
      this.clients.push(client);
      await withTimeout(client.whenSynced, syncTimeoutMs, 'syncing the writer');
      if (seedUpdate) Y.applyUpdate(ydoc, seedUpdate);
      this.writerText = ydoc.getText(benchTextName);
      return { syncMs: performance.now() - startMs };
    },

    type: async ({ count, intervalMs }) => {
      const text = this.writerText;
      if (!text) throw new Error('type before open-writer');
      const sendTimes: number[] = [];
      const startMs = performance.now();
      for (let seq = 0; seq < count; seq++) {
        // Scheduled against the start time, so a late timer does not push every later keystroke back.
        await sleep(startMs + seq * intervalMs - performance.now());
        sendTimes.push(nowMonotonicMs());
        text.insert(text.length, typedAlphabet[seq % typedAlphabet.length] ?? 'x');
      }
      return { sendTimes };
    },

    seed: async ({ kind, wsUrl, doc, update, shouldAwaitAck, ackTimeoutMs, shouldKeepOpen, syncTimeoutMs }) => {
      const ydoc = new Y.Doc();
      let latestAck: Uint8Array | undefined;
      let onAckChange: () => void = () => undefined;
      const client = connectClient(kind, wsUrl, doc, ydoc, {
        // The holder keeps awareness on: Hocuspocus's client reconnects when a connection hears nothing for 30 s.
        hasAwareness: shouldKeepOpen,
        onAck: shouldAwaitAck
          ? (stateVector) => {
              latestAck = stateVector;
              onAckChange();
            }
          : undefined,
      });
      await withTimeout(client.whenSynced, syncTimeoutMs, 'syncing the seeder');
      const startMs = performance.now();
      Y.applyUpdate(ydoc, update);
      let isAcked = false;
      if (shouldAwaitAck) {
        const acked = new Promise<void>((resolve) => {
          onAckChange = () => {
            if (latestAck && isCoveredBy(latestAck, ydoc)) resolve();
          };
        });
        isAcked = await withTimeout(acked, ackTimeoutMs, 'durable ack').then(
          () => true,
          () => false, // reported as isAcked: false; the cold load's content check still catches a lost document
        );
      }
      const pushMs = performance.now() - startMs;
      if (shouldKeepOpen) {
        this.clients.push(client);
      } else {
        client.destroy();
      }
      return { isAcked, pushMs };
    },

    load: async ({ kind, wsUrl, doc, expectedText, timeoutMs }) => {
      const ydoc = new Y.Doc();
      const startMs = performance.now();
      const client = connectClient(kind, wsUrl, doc, ydoc, { hasAwareness: false });
      try {
        await withTimeout(client.whenSynced, timeoutMs, 'cold load');
        const syncMs = performance.now() - startMs;
        const openMs = (await client.whenOpen) - startMs;
        const text = ydoc.getText(benchTextName).toString();
        const state = Y.encodeStateAsUpdate(ydoc);
        const applyStartMs = performance.now();
        Y.applyUpdate(new Y.Doc(), state);
        const clientApplyMs = performance.now() - applyStartMs;
        return { syncMs, openMs, clientApplyMs, isEqual: text === expectedText, length: text.length };
      } finally {
        client.destroy();
        ydoc.destroy();
      }
    },

    http: async ({ url, method, headers, body, shouldReturnBody, timeoutMs }) => {
      // Copied into an ArrayBuffer-backed Uint8Array: what arrives over IPC is typed ArrayBufferLike, which fetch
      // refuses.
      const requestBody = body ? new Uint8Array(body) : undefined;
      const startMs = performance.now();
      const res = await fetch(url, { method, headers, body: requestBody, signal: AbortSignal.timeout(timeoutMs) });
      const received = new Uint8Array(await res.arrayBuffer());
      const ms = performance.now() - startMs;
      const sha256 = createHash('sha256').update(received).digest('hex');
      const returned = shouldReturnBody || !res.ok ? received : undefined;
      return { status: res.status, ms, bytes: received.byteLength, sha256, body: returned };
    },

    'open-writers': async ({ kind, doc, writers, syncTimeoutMs }) => {
      const startMs = performance.now();
      const synced = writers.map(({ wsUrl, textName }) => {
        const ydoc = new Y.Doc();
        const client = connectClient(kind, wsUrl, doc, ydoc, { hasAwareness: true });
        this.clients.push(client);
        this.writerTexts.push(ydoc.getText(textName));
        return client.whenSynced;
      });
      await withTimeout(Promise.all(synced), syncTimeoutMs, 'syncing the writers');
      return { syncMs: performance.now() - startMs };
    },

    'type-writers': async ({ count, intervalMs }) => {
      const texts = this.writerTexts;
      if (texts.length === 0) throw new Error('type-writers before open-writers');
      const startMs = performance.now();
      const sendTimes = await Promise.all(
        texts.map(async (text, writer) => {
          const offsetMs = (writer * intervalMs) / texts.length;
          const times: number[] = [];
          for (let seq = 0; seq < count; seq++) {
            await sleep(startMs + offsetMs + seq * intervalMs - performance.now());
            times.push(nowMonotonicMs());
            text.insert(text.length, typedAlphabet[seq % typedAlphabet.length] ?? 'x');
          }
          return times;
        }),
      );
      return { sendTimes };
    },

    'open-watchers': async ({ kind, wsUrl, doc, count, textNames, syncTimeoutMs }) => {
      const startMs = performance.now();
      for (let first = 0; first < count; first += readerConnectBatch) {
        const batch: Promise<void>[] = [];
        for (let i = first; i < Math.min(count, first + readerConnectBatch); i++) {
          const ydoc = new Y.Doc();
          this.watchers.push(textNames.map((name) => watchText(ydoc.getText(name))));
          const client = connectClient(kind, wsUrl, doc, ydoc, { hasAwareness: false });
          this.clients.push(client);
          batch.push(client.whenSynced);
        }
        await withTimeout(Promise.all(batch), syncTimeoutMs, `syncing watchers ${first}..${first + batch.length - 1}`);
      }
      return { syncMs: performance.now() - startMs };
    },

    'collect-watchers': async ({ fromSeq, expectedLength, quietMs, timeoutMs }) => {
      const deadline = performance.now() + timeoutMs;
      const received = (): number =>
        this.watchers.reduce((sum, texts) => sum + texts.reduce((n, r) => n + r.text.length, 0), 0);
      const isBehind = (): boolean => this.watchers.some((texts) => texts.some((r) => r.text.length < expectedLength));
      // Late is not lost: keep waiting while anything still arrives, up to the deadline.
      let lastCount = received();
      let lastProgressMs = performance.now();
      while (performance.now() < deadline && performance.now() - lastProgressMs < quietMs && isBehind()) {
        await sleep(20);
        const count = received();
        if (count !== lastCount) {
          lastCount = count;
          lastProgressMs = performance.now();
        }
      }
      const arrivals = this.watchers.map((texts) =>
        texts.map((r) =>
          Array.from({ length: Math.max(0, expectedLength - fromSeq) }, (_, i) => r.arrivals[fromSeq + i] ?? null),
        ),
      );
      return { arrivals };
    },

    'close-all': async () => {
      for (const client of this.clients.splice(0)) client.destroy();
      this.readers = [];
      this.writerText = undefined;
      this.watchers = [];
      this.writerTexts = [];
      return {};
    },
  };

  async handle(request: ClientRequest): Promise<ClientReply> {
    const handler = this.handlers[request.command] as (params: unknown) => Promise<unknown>;
    try {
      return { id: request.id, ok: true, result: await handler(request.params) };
    } catch (error) {
      return { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
}

// Every y-websocket provider adds a process 'exit' listener; 100 readers in one process are expected.
process.setMaxListeners(0);
const worker = new ClientWorker();
process.on('message', (request: ClientRequest) => {
  void worker.handle(request).then((reply) => process.send?.(reply));
});
process.on('disconnect', () => process.exit(0));
