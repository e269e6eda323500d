// What whole-document replacements (imports, restores) share across the routes that start them: one at a time per
// document, and the crossing-edits watches they leave running (see edits-crossing-replacement.ts), which shutdown
// waits for. A replacement goes into a live document over many event-loop turns (DocumentService.replaceContent), so
// two of them at once would interleave their pieces: two imports together left 1,500 paragraphs of one and 699 of
// the other. This serializes them within one server; instances sharing storage do not coordinate.

export class DocumentReplacements {
  /** Per document, the end of the last replacement queued (settled either way). */
  private readonly queues = new Map<string, Promise<void>>();
  private readonly watches = new Set<Promise<void>>();

  /** Runs `replace` once every replacement of `doc` queued before it has finished. */
  async oneAtATime<T>(doc: string, replace: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(doc) ?? Promise.resolve();
    const run = previous.then(replace);
    const settled = run.then(ignore, ignore);
    this.queues.set(doc, settled);
    try {
      return await run;
    } finally {
      if (this.queues.get(doc) === settled) this.queues.delete(doc);
    }
  }

  /** True while a replacement of `doc` is queued or running (its new content may be half in place). */
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

function ignore(): void {}
