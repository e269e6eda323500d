// A TCP relay that tests put in front of a shared service (Redis) or a server instance, to play a network outage
// or a failover without sleeping and without touching the service itself: cut(), restore(), retarget().
import net from 'node:net';

export interface RelayTarget {
  port: number;
  host?: string;
}

export class TcpRelay {
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  #target: Required<RelayTarget>;
  #isCut = false;

  private constructor(target: RelayTarget) {
    this.#target = { host: '127.0.0.1', ...target };
    this.#server = net.createServer((client) => this.#relay(client));
  }

  /** Listens on a free loopback port and relays every connection to `target`. */
  static async start(target: RelayTarget): Promise<TcpRelay> {
    const relay = new TcpRelay(target);
    await new Promise<void>((resolve, reject) => {
      relay.#server.once('error', reject);
      relay.#server.listen(0, '127.0.0.1', resolve);
    });
    return relay;
  }

  /** A relay in front of the service at `url` (`redis://host:port/...`), for `relayedUrl`. */
  static async forUrl(url: string): Promise<TcpRelay> {
    const parsed = new URL(url);
    return TcpRelay.start({ host: parsed.hostname, port: Number(parsed.port) || defaultPort(parsed.protocol) });
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  /** `url` with its host and port replaced by the relay's, so a client of `url` goes through the relay. */
  relayedUrl(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  /** Drops every relayed connection and refuses new ones until restore(). */
  cut(): void {
    this.#isCut = true;
    this.#dropAll();
  }

  restore(): void {
    this.#isCut = false;
  }

  /** New connections go to `target`; existing ones are dropped, as a load balancer does when a backend dies. */
  retarget(target: RelayTarget): void {
    this.#target = { host: '127.0.0.1', ...target };
    this.#dropAll();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  #dropAll(): void {
    for (const socket of this.#sockets) socket.destroy();
  }

  #relay(client: net.Socket): void {
    if (this.#isCut) {
      client.destroy();
      return;
    }
    const upstream = net.connect(this.#target.port, this.#target.host);
    for (const [socket, peer] of [[client, upstream], [upstream, client]] as const) {
      this.#sockets.add(socket);
      socket.pipe(peer);
      socket.on('error', () => peer.destroy()); // a reset on one side ends the pair, as a real network drop would
      socket.on('close', () => {
        this.#sockets.delete(socket);
        peer.destroy();
      });
    }
  }
}

function defaultPort(protocol: string): number {
  if (protocol === 'redis:' || protocol === 'rediss:') return 6379;
  if (protocol === 'postgres:' || protocol === 'postgresql:') return 5432;
  throw new Error(`no default port for ${protocol}; give the port in the URL`);
}
