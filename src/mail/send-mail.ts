// Sends one message and, when it fails, says whether the connection had already
// started streaming the message to the server. Before that point the server
// cannot have it, so a retry is safe; after it (a timeout or a dropped connection
// while waiting for the final reply) it may have been accepted, and only a person
// can decide whether to send it again.
import { PassThrough } from "node:stream";
import type Mail from "nodemailer/lib/mailer/index.js";
import type { MailTransport } from "./create-transport.js";

export type SendOutcome =
  { ok: true; messageId: string; response: string } | { ok: false; error: unknown; dataStarted: boolean };

type Probe = { dataStarted: boolean };
type ProbedOptions = Mail.Options & { lesmProbe?: Probe };

const probed = new WeakSet<MailTransport>();

// The connection pipes the message stream only after the server answered DATA
// with 354, so the stream's first "resume" marks the start of the data phase.
function installProbe(transport: MailTransport): void {
  if (probed.has(transport)) return;
  probed.add(transport);
  transport.use("stream", (mail, done) => {
    const probe = (mail.data as ProbedOptions).lesmProbe;
    if (probe) {
      const tap = new PassThrough();
      tap.once("resume", () => {
        probe.dataStarted = true;
      });
      mail.message.transform(tap);
    }
    done();
  });
}

export async function sendMail(transport: MailTransport, options: Mail.Options): Promise<SendOutcome> {
  installProbe(transport);
  const probe: Probe = { dataStarted: false };
  const withProbe: ProbedOptions = { ...options, lesmProbe: probe };
  try {
    const info = await transport.sendMail(withProbe);
    return { ok: true, messageId: info.messageId, response: info.response };
  } catch (error) {
    return { ok: false, error, dataStarted: probe.dataStarted };
  }
}
