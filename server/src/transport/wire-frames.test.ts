import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { directSocketOf, encodeBinaryFrame, WireFrames } from './wire-frames';

const servers: WebSocketServer[] = [];
const clients: WebSocket[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A ws server on port 0 and a stock ws client connected to it; resolves with both ends. */
async function connectPair(perMessageDeflate: boolean): Promise<{ server: WebSocket; client: WebSocket }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate });
  servers.push(wss);
  await once(wss, 'listening');
  const { port } = wss.address() as AddressInfo;
  const accepted = once(wss, 'connection') as Promise<[WebSocket]>;
  const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate });
  clients.push(client);
  await once(client, 'open');
  const [server] = await accepted;
  return { server, client };
}

function payloadOf(length: number): Uint8Array {
  const payload = new Uint8Array(length);
  for (let i = 0; i < length; i++) payload[i] = (i * 31 + 7) & 0xff;
  return payload;
}

describe('WireFrames', () => {
  it('frames payloads of every length class so that a stock ws client reads them back byte for byte', async () => {
    const { server, client } = await connectPair(false);
    const socket = directSocketOf(server);
    expect(socket).not.toBeNull();
    // 7-bit, the 125/126 boundary, 16-bit, the 65535/65536 boundary, 64-bit lengths.
    const lengths = [0, 1, 125, 126, 127, 65_535, 65_536, 200_000];
    const received: Buffer[] = [];
    client.on('message', (data, isBinary) => {
      expect(isBinary).toBe(true);
      received.push(data as Buffer);
    });
    const frames = new WireFrames();
    for (const length of lengths) socket!.write(frames.frameOf(payloadOf(length)));
    await expect.poll(() => received.length).toBe(lengths.length);
    expect(received.map((data) => data.byteLength)).toEqual(lengths);
    lengths.forEach((length, i) => expect(Buffer.compare(received[i]!, Buffer.from(payloadOf(length)))).toBe(0));
  });

  it('frames one payload once, however many peers it goes to', () => {
    const frames = new WireFrames();
    const payload = payloadOf(40);
    const first = frames.frameOf(payload);
    expect(frames.frameOf(payload)).toBe(first);
    expect(frames.frameOf(payloadOf(40))).not.toBe(first); // equal bytes, another message: framed on its own
  });

  it('writes the same header ws itself would', () => {
    expect([...encodeBinaryFrame(payloadOf(3)).subarray(0, 2)]).toEqual([0x82, 3]);
    expect([...encodeBinaryFrame(payloadOf(300)).subarray(0, 4)]).toEqual([0x82, 126, 0x01, 0x2c]);
    expect([...encodeBinaryFrame(payloadOf(70_000)).subarray(0, 10)]).toEqual([0x82, 127, 0, 0, 0, 0, 0, 0x01, 0x11, 0x70]);
  });

  it('leaves a connection that negotiated compression to ws, which may hold frames back to compress them', async () => {
    const { server } = await connectPair(true);
    expect(server.extensions).toContain('permessage-deflate');
    expect(directSocketOf(server)).toBeNull();
  });
});
