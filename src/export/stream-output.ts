// Back-pressure for long downloads: wait while the client (or file) is behind,
// so a slow reader makes the export slower, never bigger in memory.
import type { Writable } from "node:stream";

export class OutputClosedError extends Error {
  constructor() {
    super("the output stream was closed before the export finished");
  }
}

/**
 * Resolves at once while the stream keeps up; otherwise on 'drain'. Rejects if
 * the stream goes away, or `output` does (a stream inside the pipeline that
 * feeds it would otherwise wait for ever once the client is gone).
 */
export async function drained(stream: Writable, output: Writable = stream): Promise<void> {
  if (stream.destroyed || output.destroyed) throw new OutputClosedError();
  if (!needsDrain(stream)) return;
  await new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      stream.off("drain", onDrain);
      stream.off("close", onClose);
      stream.off("error", onClose);
      output.off("close", onClose);
      output.off("error", onClose);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new OutputClosedError());
    };
    stream.on("drain", onDrain);
    stream.on("close", onClose);
    stream.on("error", onClose);
    output.on("close", onClose);
    output.on("error", onClose);
  });
}

/**
 * Node's own streams say so in writableNeedDrain. The zip entries' streams are
 * readable-stream 2.x copies (archiver-utils wraps each sheet's stream in one),
 * which predate that property: it reads undefined there, and so exports never
 * waited for zlib and its queue grew with the file. They keep the same flag in
 * their state, as Node's streams do.
 */
function needsDrain(stream: Writable): boolean {
  const state = (stream as { _writableState?: { needDrain?: boolean } })._writableState;
  return stream.writableNeedDrain ?? state?.needDrain ?? false;
}

/** Writes a chunk, then waits for drain if the buffer is full. */
export async function writeChunk(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await drained(stream);
}
