/**
 * Runs tasks one at a time per key. The queue writes a report's files through writeFileAtomic, whose temporary
 * name is <file>.<pid>.<ms>.tmp: two writes of one file in the same millisecond would share that name, so
 * writes of one report must never overlap.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    // Forget finished keys so the map stays as small as the work in flight.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
