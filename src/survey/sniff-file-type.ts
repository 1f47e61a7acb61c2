// What a file really is, from its first bytes, so a renamed executable is not
// accepted as a PDF because of its name or the browser's claim.
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Buffer, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

export function sniffFileType(bytes: Buffer, filename: string): string | null {
  const lower = filename.toLowerCase();
  if (bytes.subarray(0, 5).toString("latin1") === "%PDF-") return "application/pdf";
  if (startsWith(bytes, ZIP) && lower.endsWith(".docx") && bytes.includes("word/")) {
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
  if (startsWith(bytes, OLE) && lower.endsWith(".doc")) return "application/msword";
  if (lower.endsWith(".txt") && !bytes.includes(0) && isUtf8(bytes)) return "text/plain";
  return null;
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
