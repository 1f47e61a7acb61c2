// The outbox worker: claim a batch of due messages (the claim re-checks each
// invitation's state at that moment), send each through the pooled transport
// at the configured pace with a bounded number in flight, and record every
// outcome as soon as it is known. When the relay is unreachable the worker
// pauses as a whole (with backoff) instead of burning every message's attempts
// on the same outage.
import { sendBlockerText } from "../send-time-check.js";
import { claimMessages, type ClaimedMessage } from "./claim-messages.js";
import { defaultRetryPolicy, retryDelayMs, type RetryPolicy } from "./classify-send-error.js";
import { deliverMessage, domainOf, outcomeOf, refOf } from "./deliver-message.js";
import { markStaleClaims } from "./mark-stale-claims.js";
import { createOutcomeWriter } from "./outcome-writer.js";
import { releaseSql } from "./outbox-sql.js";
import { systemClock } from "./outbox-types.js";
import { recordOutcomes, type Outcome } from "./record-outcomes.js";
import type { OutboxStats, OutboxWorker, OutboxWorkerOptions } from "./worker-options.js";
import { createBreaker, createPulse, createSerial, createThrottle } from "./worker-primitives.js";

export type { OutboxStats, OutboxWorker, OutboxWorkerOptions };

export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, transport, logger, workerId, from, links, ratePerSecond, clock = systemClock } = options;
  const { pollMs = 1000, maxInFlight = 10, leaseMs = 5 * 60_000, lingerMs = 25 } = options;
  const batchSize = options.batchSize ?? maxInFlight * 2;
  const retry: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  // A batch is claimed when it is about to go: at a slow pace, about two seconds' worth.
  const claimSize = ratePerSecond > 0 ? Math.max(1, Math.min(batchSize, Math.ceil(ratePerSecond * 2))) : batchSize;
  const sweepEveryMs = Math.min(leaseMs / 2, 60_000);
  const messageIdDomain = domainOf(from);

  const stopper = new AbortController();
  const changed = createPulse();
  // SQLite: one shared connection, so the worker's queries must not interleave
  // with its own transactions. PostgreSQL: each runs on its own pooled connection.
  const serial = db.provider === "sqlite" ? createSerial() : <T>(task: () => Promise<T>) => task();
  const throttle = createThrottle(ratePerSecond);
  const inFlight = new Set<Promise<void>>();
  const stats: OutboxStats = { sent: 0, retry: 0, failed: 0, uncertain: 0, skipped: 0 };
  // A drain() is answered only by a claim that started after it was asked, so a
  // message queued just before the call is not missed.
  let drainWaiters: { asked: number; resolve: () => void }[] = [];
  let claimsStarted = 0;
  const answerDrains = (upTo: number) => {
    const answered = drainWaiters.filter((w) => w.asked <= upTo);
    drainWaiters = drainWaiters.filter((w) => w.asked > upTo);
    for (const w of answered) w.resolve();
  };
  const breaker = createBreaker((outages) => retryDelayMs(outages, retry));

  const writer = createOutcomeWriter({
    write: (outcomes) => serial(() => recordOutcomes({ db: db.write, workerId, outcomes, now: clock.now() })),
    logger,
    onWritten: () => changed.fire(),
    expectMore: () => inFlight.size > 0,
    lingerMs,
    lingerCount: 2 * maxInFlight,
  });
  const record = (outcome: Outcome) => {
    stats[outcome.type] += 1;
    writer.push(outcome);
  };
  const stopped = () => stopper.signal.aborted;
  const paused = () => breaker.open();

  async function release(messages: ClaimedMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const ids = messages.map((m) => m.id);
    await serial(() => db.prisma.$executeRaw(releaseSql(ids, workerId, clock.now())));
  }

  function launch(message: ClaimedMessage): void {
    const ref = { ...refOf(message), attempts: message.attempts };
    const task = deliverMessage({ transport, message, from, links })
      .then((result) => {
        // Out of the in-flight set first: the writer lingers only for answers still to come.
        inFlight.delete(task);
        const { outcome, serverDown } = outcomeOf(ref, result, retry, clock.now());
        if (serverDown) {
          const pauseMs = breaker.trip();
          logger.warn({ messageId: message.id, pauseMs, outcome }, "outbox: mail server unavailable; pausing");
        } else if (result.ok) {
          breaker.reset();
        }
        record(outcome);
      })
      .catch((err: unknown) => logger.error({ err, messageId: message.id }, "outbox: unexpected error while sending"))
      .finally(() => {
        inFlight.delete(task);
        changed.fire();
      });
    inFlight.add(task);
  }

  async function dispatch(batch: ClaimedMessage[]): Promise<void> {
    for (let i = 0; i < batch.length; i++) {
      const message = batch[i]!;
      if (message.blocker) {
        record({ type: "skipped", message: refOf(message), reason: sendBlockerText[message.blocker] });
        continue;
      }
      // Back-pressure: the pool gets at most maxInFlight messages at a time.
      while (inFlight.size >= maxInFlight && !stopped()) await changed.wait();
      const go = !stopped() && !paused() && (await throttle.wait(stopper.signal)) && !paused();
      if (!go) return release(batch.slice(i));
      launch(message);
    }
  }

  // Before the first claim: whatever this worker id still holds is from a run that died.
  async function recoverOwnClaims(): Promise<void> {
    while (!stopped()) {
      try {
        const count = await serial(() =>
          markStaleClaims({ db: db.prisma, now: clock.now(), leaseMs, ownWorkerId: workerId }),
        );
        if (count) logger.warn({ count, workerId }, "outbox: unfinished claims of a previous run marked uncertain");
        return;
      } catch (err) {
        logger.error({ err }, "outbox: could not check for unfinished claims; retrying");
        await changed.wait(pollMs);
      }
    }
  }

  type Claim = { batch: ClaimedMessage[]; drained: boolean; started: number };
  // `drained`: nothing was in hand when the claim started, so an empty result
  // means the queue has nothing due.
  async function claim(canDrain: boolean): Promise<Claim> {
    let started = 0;
    let drained = false;
    const batch = await serial(() => {
      started = ++claimsStarted;
      drained = canDrain && inFlight.size === 0 && writer.isIdle();
      return claimMessages({ db, workerId, limit: claimSize, now: clock.now(), messageIdDomain });
    });
    return { batch, drained, started };
  }

  async function loop(): Promise<void> {
    await recoverOwnClaims();
    let lastSweep = Date.now();
    let ahead: Promise<Claim> | null = null;
    while (!stopped()) {
      try {
        if (paused()) {
          const held = ahead;
          ahead = null;
          if (held) await release((await held).batch);
          await changed.wait(breaker.remainingMs());
          continue;
        }
        if (Date.now() - lastSweep >= sweepEveryMs) {
          lastSweep = Date.now();
          const count = await serial(() =>
            markStaleClaims({ db: db.prisma, now: clock.now(), leaseMs, exceptWorkerId: workerId }),
          );
          if (count) logger.warn({ count }, "outbox: expired claims of other workers marked uncertain");
        }
        const next: Promise<Claim> = ahead ?? claim(true);
        ahead = null;
        const { batch, drained, started } = await next;
        if (batch.length > 0) {
          // Claim the next batch while this one goes out, so the pool never
          // waits on the database between batches.
          if (batch.length === claimSize) ahead = claim(false);
          await dispatch(batch);
          continue;
        }
        if (drained) answerDrains(started - 1);
        await changed.wait(pollMs);
      } catch (err) {
        logger.error({ err }, "outbox: worker loop failed; retrying");
        await changed.wait(pollMs);
      }
    }
    await ahead
      ?.then((claimed) => release(claimed.batch))
      .catch((err: unknown) => logger.error({ err }, "outbox: could not hand back claimed messages"));
    await Promise.all(inFlight);
    await writer.flush();
  }

  const running = loop().catch((err: unknown) => logger.error({ err }, "outbox: worker stopped on an error"));

  return {
    stats,
    async stop() {
      stopper.abort();
      changed.fire();
      await running;
      answerDrains(Infinity);
    },
    drain() {
      if (stopped()) return Promise.resolve();
      return new Promise<void>((resolve) => {
        drainWaiters.push({ asked: claimsStarted, resolve });
        changed.fire();
      });
    },
  };
}
