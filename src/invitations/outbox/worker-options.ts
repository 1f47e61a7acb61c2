// The outbox worker's options and handle, apart from its loop (run-worker.ts).
import type { Logger } from "../../logger.js";
import type { LinkSettings } from "../invitation-link.js";
import type { MailTransport } from "../../mail/create-transport.js";
import type { RetryPolicy } from "./classify-send-error.js";
import type { Clock, OutboxDb } from "./outbox-types.js";
import type { Outcome } from "./record-outcomes.js";

export type OutboxWorkerOptions = {
  db: OutboxDb;
  transport: MailTransport;
  logger: Logger;
  /** Unique per running worker and stable across its restarts (see markStaleClaims). */
  workerId: string;
  from: string;
  /** Makes the personal links that invitations and reminders carry; without it such messages fail. */
  links?: LinkSettings;
  /** Messages per second; 0 = no limit. */
  ratePerSecond: number;
  /** How often to look for due messages when there are none. */
  pollMs?: number;
  clock?: Clock;
  /** Messages handed to the transport and not yet answered; about twice the pool size keeps every connection busy. */
  maxInFlight?: number;
  /**
   * Messages claimed at a time; default twice maxInFlight. After a crash every
   * claimed message is uncertain, sent or not, so small batches keep that list short.
   */
  batchSize?: number;
  /** A claim older than this is presumed dead (see markStaleClaims). */
  leaseMs?: number;
  retry?: Partial<RetryPolicy>;
  /**
   * How long an answer may wait for others due any moment, to share one database
   * write (see outcome-writer). Only while other messages are in flight; 0 writes
   * each answer as soon as the database is free.
   */
  lingerMs?: number;
};

export type OutboxStats = Record<Outcome["type"], number>;

export type OutboxWorker = {
  /** Stops claiming, lets the messages in hand finish and be recorded, hands back the rest. */
  stop(): Promise<void>;
  /** Resolves when no message is due and none is in hand (messages waiting for a retry are not due). */
  drain(): Promise<void>;
  readonly stats: OutboxStats;
};
