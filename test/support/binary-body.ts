// supertest's parser for downloads: the body as one Buffer, whatever the content type.
import type { Response as SuperResponse } from "superagent";

export function binary(res: SuperResponse, callback: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on("data", (chunk: Buffer) => chunks.push(chunk));
  res.on("end", () => callback(null, Buffer.concat(chunks)));
}
