// The live connections of this server, for keepalive pings and shutdown. Pings them in groups spread over the
// interval; what a ping that goes unanswered means is the connection's own business (keepalive()).

/** What the set needs of a connection. */
export interface KeptAlive {
  /** Which keepalive group pings it; set by ConnectionSet.add. */
  keepaliveGroup: number;
  /** Pings it, or closes it if the previous ping went unanswered. */
  keepalive(): void;
}

/**
 * Connections are pinged in this many groups, one group every interval / KEEPALIVE_GROUPS: each is still pinged once
 * per interval, but a crowd's pings never come in one burst that holds up everyone's next keystroke (measured with
 * 200 connections: all at once held the event loop for 6 to 15 ms, groups of 20 take about 1 ms).
 */
export const KEEPALIVE_GROUPS = 10;

export class ConnectionSet<C extends KeptAlive = KeptAlive> {
  readonly all = new Set<C>();
  private timer: NodeJS.Timeout | null = null;
  private added = 0;
  private nextGroup = 0;

  add(connection: C): void {
    connection.keepaliveGroup = this.added++ % KEEPALIVE_GROUPS;
    this.all.add(connection);
  }

  startKeepalive(intervalMs: number): void {
    this.timer = setInterval(() => {
      const group = this.nextGroup;
      this.nextGroup = (group + 1) % KEEPALIVE_GROUPS;
      for (const connection of this.all) {
        if (connection.keepaliveGroup === group) connection.keepalive();
      }
    }, intervalMs / KEEPALIVE_GROUPS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
