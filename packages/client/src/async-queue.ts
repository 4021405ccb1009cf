/** A push-based queue read as an async iterator: the bridge from tRPC's callbacks to `for await`. */
export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  private readonly values: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private failWaiting: ((error: unknown) => void) | undefined;
  private ended = false;
  private failure: { error: unknown } | undefined;

  push(value: T): void {
    if (this.ended) return;
    if (this.waiting) this.settle().resolve({ value, done: false });
    else this.values.push(value);
  }

  end(): void {
    this.ended = true;
    if (this.waiting && this.values.length === 0) this.settle().resolve({ value: undefined, done: true });
  }

  fail(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.failure = { error };
    if (this.waiting && this.values.length === 0) this.settle().reject(error);
  }

  next(): Promise<IteratorResult<T>> {
    const value = this.values.shift();
    if (value !== undefined) return Promise.resolve({ value, done: false });
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  async return(): Promise<IteratorResult<T>> {
    this.end();
    this.values.length = 0;
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private settle() {
    const resolve = this.waiting!;
    const reject = this.failWaiting!;
    this.waiting = undefined;
    this.failWaiting = undefined;
    return { resolve, reject };
  }
}
