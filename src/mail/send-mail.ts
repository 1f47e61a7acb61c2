// Sends one message and, when it fails, says whether the connection had already
// started streaming the message to the server. Before that point the server
// cannot have it, so a retry is safe; after it (a timeout or a dropped connection
// while waiting for the final reply) it may have been accepted, and only a person
// can decide whether to send it again.
import type { Readable } from "node:stream";
import type Mail from "nodemailer/lib/mailer/index.js";
import type { MailTransport } from "./create-transport.js";

export type SendOutcome =
  { ok: true; messageId: string; response: string } | { ok: false; error: unknown; dataStarted: boolean };

type Probe = { dataStarted: boolean };
type ProbedOptions = Mail.Options & { lesmProbe?: Probe };

const probed = new WeakSet<MailTransport>();

// The connection pipes the finished message stream only once the server has
// answered MAIL FROM, RCPT TO and DATA (354), so that stream's first "resume"
// marks the start of the data phase. A process function sees that final stream
// and hands it back as it is: no stream stage is added to every message. (A
// transform stream would not do: it is piped into the message's own chain, and
// so resumed, as soon as the connection takes the message, before MAIL FROM.)
function installProbe(transport: MailTransport): void {
  if (probed.has(transport)) return;
  probed.add(transport);
  transport.use("stream", (mail, done) => {
    const probe = (mail.data as ProbedOptions).lesmProbe;
    if (probe) {
      mail.message.processFunc((output: Readable) =>
        output.once("resume", () => {
          probe.dataStarted = true;
        }),
      );
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
