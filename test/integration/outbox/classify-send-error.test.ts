// The decision table behind retries; the integration tests cover the same cases
// against a real SMTP server, these pin the edges.
import { describe, expect, it } from "vitest";
import {
  classifySendError,
  defaultRetryPolicy,
  retryDelayMs,
} from "../../../src/invitations/outbox/classify-send-error.js";
import { sendBlockerOf } from "../../../src/invitations/send-time-check.js";

const smtpError = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.response ?? "x")), fields);

describe("classifySendError", () => {
  it("follows the reply to RCPT TO or DATA", () => {
    const rejected = smtpError({
      code: "EENVELOPE",
      command: "RCPT TO",
      responseCode: 550,
      response: "550 5.1.1 No such user",
    });
    expect(classifySendError(rejected, true)).toEqual({ kind: "permanent", reply: "550 5.1.1 No such user" });
    const later = smtpError({ code: "EENVELOPE", command: "RCPT TO", responseCode: 450, response: "450 Mailbox busy" });
    expect(classifySendError(later, false)).toEqual({
      kind: "transient",
      reply: "450 Mailbox busy",
      serverDown: false,
    });
    const spam = smtpError({ code: "EMESSAGE", command: "DATA", responseCode: 554, response: "554 Rejected as spam" });
    expect(classifySendError(spam, true).kind).toBe("permanent");
  });

  it("never fails a message for the relay's own refusals", () => {
    const login = smtpError({
      code: "EAUTH",
      command: "AUTH PLAIN",
      responseCode: 535,
      response: "535 Bad credentials",
    });
    expect(classifySendError(login, false)).toMatchObject({ kind: "transient", serverDown: true });
    const sender = smtpError({
      code: "EENVELOPE",
      command: "MAIL FROM",
      responseCode: 553,
      response: "553 Sender not allowed",
    });
    expect(classifySendError(sender, false)).toMatchObject({ kind: "transient", serverDown: true });
    const busy = smtpError({
      code: "EENVELOPE",
      command: "RCPT TO",
      responseCode: 421,
      response: "421 Too many connections",
    });
    expect(classifySendError(busy, false)).toMatchObject({ kind: "transient", serverDown: true });
  });

  it("without a reply, depends on whether the message had started to stream", () => {
    const timeout = smtpError({ code: "ETIMEDOUT", command: "CONN", message: "Timeout" });
    expect(classifySendError(timeout, false)).toMatchObject({ kind: "transient", serverDown: true });
    expect(classifySendError(timeout, true)).toMatchObject({ kind: "uncertain" });
    const refused = smtpError({ code: "ESOCKET", message: "connect ECONNREFUSED 127.0.0.1:25" });
    expect(classifySendError(refused, false)).toMatchObject({ kind: "transient", serverDown: true });
    const badAddress = smtpError({ code: "EENVELOPE", command: "API", message: "Invalid recipient" });
    expect(classifySendError(badAddress, false).kind).toBe("permanent");
  });
});

describe("retryDelayMs", () => {
  it("doubles from 30 seconds up to an hour", () => {
    const delays = [1, 2, 3, 4, 8, 9, 50].map((n) => retryDelayMs(n, defaultRetryPolicy) / 1000);
    expect(delays).toEqual([30, 60, 120, 240, 3600, 3600, 3600]);
  });
});

describe("sendBlockerOf", () => {
  it("stops reminders after a submission but still thanks the agency", () => {
    expect(sendBlockerOf("reminder", "submitted")).toBe("submitted");
    expect(sendBlockerOf("invitation", "submitted")).toBe("submitted");
    expect(sendBlockerOf("thank_you", "submitted")).toBeNull();
  });
  it("stops everything after an opt-out or a do-not-contact mark", () => {
    expect(sendBlockerOf("thank_you", "opted_out")).toBe("opted_out");
    expect(sendBlockerOf("reminder", "do_not_contact")).toBe("do_not_contact");
    expect(sendBlockerOf("reminder", null)).toBeNull();
  });
});
