/**
 * A FIFO gate admitting at most `capacity()` holders at once. The capacity is read on every admission so a
 * live `setOptions({ parallel })` takes effect without restarting. A waiter whose client goes away leaves
 * the queue instead of holding a place.
 */
export class AsyncLimiter {
  private active = 0;
  private readonly waiters: Array<{ admit: () => void; signal: AbortSignal | undefined }> = [];

  constructor(private readonly capacity: () => number) {}

  get holders(): number {
    return this.active;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const waiter = {
        signal,
        admit: () => {
          signal?.removeEventListener('abort', onAbort);
          this.active += 1;
          resolve(this.releaser());
        },
      };
      const onAbort = (): void => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.pump();
    };
  }

  private pump(): void {
    while (this.active < this.capacity() && this.waiters.length > 0) this.waiters.shift()?.admit();
  }
}
