// Async tasks run one after another per key (a document's name): each starts once every task queued before it
// under that key has settled, either way.

export class SerialByKey {
  /** Per key, the end of the last task queued (settled either way); gone once that task has settled. */
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `task` after the tasks queued under `key` before it; resolves or rejects as `task` does. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const settled = result.then(ignore, ignore);
    this.tails.set(key, settled);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === settled) this.tails.delete(key);
    }
  }

  /** True while a task of `key` is queued or running. */
  has(key: string): boolean {
    return this.tails.has(key);
  }
}

function ignore(): void {}
