// Counts open connections per client address and per document, to refuse floods with 4503.
export class ConnectionLimits {
  private readonly perIp = new Map<string, number>();
  private readonly perDoc = new Map<string, number>();

  constructor(private readonly maxPerIp: number, private readonly maxPerDoc: number) {}

  /** Reserves a slot; false (nothing reserved) if either limit is reached. */
  acquire(ip: string, doc: string): boolean {
    if ((this.perIp.get(ip) ?? 0) >= this.maxPerIp || (this.perDoc.get(doc) ?? 0) >= this.maxPerDoc) return false;
    this.perIp.set(ip, (this.perIp.get(ip) ?? 0) + 1);
    this.perDoc.set(doc, (this.perDoc.get(doc) ?? 0) + 1);
    return true;
  }

  release(ip: string, doc: string): void {
    decrement(this.perIp, ip);
    decrement(this.perDoc, doc);
  }
}

function decrement(map: Map<string, number>, key: string): void {
  const n = (map.get(key) ?? 0) - 1;
  if (n <= 0) map.delete(key);
  else map.set(key, n);
}
