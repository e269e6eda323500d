// What whole-document replacements (imports, restores) share across the routes that start them: one at a time per
// document, and the crossing-edits watches they leave running (see edits-crossing-replacement.ts), which shutdown
// waits for. A replacement goes into a live document over many event-loop turns (DocumentService.replaceContent), so
// two of them at once would interleave their pieces: two imports together left 1,500 paragraphs of one and 699 of
// the other. This serializes them within one server, and through the fan-out (a lock per document in Redis) across
// the instances that share a database.
import { TandemError } from '../errors';
import type { Fanout } from '../fanout/fanout';
import { SerialByKey } from '../serial-by-key';

export class DocumentReplacements {
  /** Each document's replacements on this server, one at a time. */
  private readonly queues = new SerialByKey();
  private readonly watches = new Set<Promise<void>>();

  constructor(private readonly cluster: Pick<Fanout, 'exclusive'>) {}

  /**
   * Runs `replace` once every replacement of `doc` queued before it, here or on another instance, has finished.
   * @throws TandemError unavailable when the other instances cannot be asked (Redis down).
   */
  oneAtATime<T>(doc: string, replace: () => Promise<T>): Promise<T> {
    return this.queues.run(doc, () => this.exclusively(doc, replace));
  }

  private async exclusively<T>(doc: string, replace: () => Promise<T>): Promise<T> {
    let hasStarted = false;
    try {
      return await this.cluster.exclusive(doc, () => {
        hasStarted = true;
        return replace();
      });
    } catch (error) {
      if (hasStarted) throw error;
      throw new TandemError('unavailable', `document ${doc} cannot be replaced now: ${(error as Error).message}`, { cause: error });
    }
  }

  /** True while a replacement of `doc` is queued or running here (its new content may be half in place). */
  isReplacing(doc: string): boolean {
    return this.queues.has(doc);
  }

  /** Keeps `watch` (a crossing-edits watch, until it has stored what it caught) for settle(). */
  track(watch: Promise<void>): void {
    this.watches.add(watch);
    void watch.finally(() => this.watches.delete(watch));
  }

  /** Resolves when every tracked watch has ended: shutdown awaits it after the rooms are gone, before storage closes. */
  async settle(): Promise<void> {
    await Promise.allSettled(Array.from(this.watches));
  }
}
