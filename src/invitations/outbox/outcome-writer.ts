// Group commit for send outcomes. A transaction has a fixed cost whatever it
// holds (BEGIN and COMMIT, the index and table pages it rewrites), so one per
// message would spend more on the database than needed. Instead:
// - with nothing else in flight (a throttled wave, a single message), an outcome
//   is written at once;
// - when more answers are due any moment, it waits a few milliseconds (lingerMs)
//   for them, and they go in one transaction;
// - outcomes that arrive during a write go together in the next one.
// So "accepted by the server" reaches the database within a few milliseconds,
// never held back for more than lingerMs plus one write.
import type { Logger } from "../../logger.js";
import type { Outcome } from "./record-outcomes.js";
import { sleep } from "./worker-primitives.js";

export type OutcomeWriter = {
  push(outcome: Outcome): void;
  /** Resolves once everything pushed so far is written. */
  flush(): Promise<void>;
  isIdle(): boolean;
};

export function createOutcomeWriter(options: {
  write(outcomes: Outcome[]): Promise<void>;
  logger: Logger;
  onWritten?(): void;
  /** True while more outcomes are about to arrive (messages in flight). */
  expectMore?(): boolean;
  lingerMs?: number;
  /** Stop lingering once this many are waiting. */
  lingerCount?: number;
  maxGroup?: number;
  retryMs?: number;
}): OutcomeWriter {
  const { write, logger, onWritten, expectMore = () => false, maxGroup = 200, retryMs = 1000 } = options;
  const { lingerMs = 25, lingerCount = 20 } = options;
  const pending: Outcome[] = [];
  let writing: Promise<void> | null = null;
  let lingering: NodeJS.Timeout | null = null;

  async function drainPending(): Promise<void> {
    while (pending.length > 0) {
      const group = pending.splice(0, maxGroup);
      try {
        await write(group);
      } catch (err) {
        // The outcomes are facts (the server said yes or no): keep them and try
        // again rather than drop them. If the process dies first, the messages
        // stay "sending" and become "uncertain" on the next start.
        logger.error({ err, count: group.length }, "outbox: could not record send outcomes; retrying");
        pending.unshift(...group);
        await sleep(retryMs);
      }
    }
  }

  function start(): void {
    if (lingering) clearTimeout(lingering);
    lingering = null;
    writing = drainPending().finally(() => {
      writing = null;
      if (pending.length > 0) start();
      onWritten?.();
    });
  }

  return {
    push(outcome) {
      pending.push(outcome);
      if (writing) return;
      if (pending.length >= lingerCount || !expectMore()) start();
      else lingering ??= setTimeout(start, lingerMs);
    },
    async flush() {
      if (lingering) start();
      while (writing) await writing;
    },
    isIdle: () => writing === null && lingering === null && pending.length === 0,
  };
}
