// Reference server: @hocuspocus/server with no extensions, so documents live in memory only.
// Any HTTP path answers 200, which serves as the harness's health check.
import { Server } from '@hocuspocus/server';

const port = Number(process.env.PORT ?? '0');
const host = process.env.HOST ?? '127.0.0.1';

const server = new Server({ port, address: host, quiet: true, stopOnSignals: true });
await server.listen();
