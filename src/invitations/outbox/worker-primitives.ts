// Small concurrency tools for the outbox worker.

/**
 * Wakes everyone waiting at the next fire(), or each one after its own timeout.
 * A fire() with nobody waiting is kept for the next wait(), which returns at
 * once: the worker checks its state, starts a query, then waits, and an answer
 * that arrives during the query must not be slept through until the timeout.
 */
export function createPulse() {
  let waiters: (() => void)[] = [];
  let missed = false;
  return {
    fire(): void {
      if (waiters.length === 0) {
        missed = true;
        return;
      }
      const woken = waiters;
      waiters = [];
      for (const wake of woken) wake();
    },
    wait(timeoutMs?: number): Promise<void> {
      if (missed) {
        missed = false;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        let timer: NodeJS.Timeout | undefined;
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        waiters.push(wake);
        if (timeoutMs !== undefined) {
          timer = setTimeout(() => {
            waiters = waiters.filter((w) => w !== wake);
            resolve();
          }, timeoutMs);
        }
      });
    },
  };
}

/**
 * Runs tasks one at a time. The worker's database calls go through one of these:
 * on SQLite the adapter shares one connection, and a query started while another
 * task's transaction is open would run inside that transaction.
 */
export function createSerial() {
  let tail: Promise<unknown> = Promise.resolve();
  return function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Paces sends to a rate, with no burst: a quiet spell does not save up sends. 0 = no limit. */
export function createThrottle(ratePerSecond: number) {
  const intervalMs = ratePerSecond > 0 ? 1000 / ratePerSecond : 0;
  let next = 0;
  return {
    /** Resolves when the next send may start; false if the signal aborted the wait. */
    async wait(signal: AbortSignal): Promise<boolean> {
      if (intervalMs === 0) return !signal.aborted;
      const now = performance.now();
      const at = Math.max(now, next);
      next = at + intervalMs;
      if (at > now) await sleep(at - now, signal);
      return !signal.aborted;
    },
  };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Open (paused) for a growing time after each failure in a row; closed by a success. */
export function createBreaker(pauseFor: (failuresInARow: number) => number) {
  let failures = 0;
  let until = 0;
  return {
    open: () => Date.now() < until,
    remainingMs: () => Math.max(0, until - Date.now()),
    /** Returns how long it stays open. */
    trip(): number {
      failures += 1;
      const ms = pauseFor(failures);
      until = Math.max(until, Date.now() + ms);
      return ms;
    },
    reset(): void {
      failures = 0;
    },
  };
}
