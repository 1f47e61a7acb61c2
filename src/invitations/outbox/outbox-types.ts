// The outbox's vocabulary, kept in one place because the status column is a
// plain string (the schema has no enums, for portability).
import type { Database } from "../../db/client.js";

export const MESSAGE_KINDS = [
  "invitation",
  "reminder",
  "thank_you",
  "password_reset",
  "staff_invite",
  "access_approved",
  "access_declined",
  "test",
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * queued -> sending -> sent | failed | skipped, or back to queued for a retry.
 * uncertain: the worker lost track after handing the message to the server;
 * a coordinator decides (resolveUncertain).
 */
export type MessageStatus = "queued" | "sending" | "sent" | "failed" | "uncertain" | "skipped" | "cancelled";

/**
 * Claiming needs the provider: PostgreSQL gets row locks, SQLite relies on its single writer.
 * Claims and outcomes go through the plain-driver write connection, the rest through Prisma.
 */
export type OutboxDb = Pick<Database, "prisma" | "provider" | "write">;

/** What the worker needs to know about a message once it has been handed over. */
export type MessageRef = { id: number; kind: string; invitationId: number | null; toAddress: string };

export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };
