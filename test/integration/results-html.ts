// Reading the results pages as a user would: table rows as lists of cell texts.
const decode = (s: string) =>
  s
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x3D;/g, "=")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ")
    .trim();

/** The HTML of one question's section on the results page. */
export function questionSection(html: string, code: string): string {
  const start = html.indexOf(`id="q-${code.toLowerCase()}"`);
  if (start < 0) throw new Error(`no section for ${code}`);
  return html.slice(start, html.indexOf("</section>", start));
}

/** Every table row as [header, ...cells], text only. */
export function tableRows(html: string): string[][] {
  return [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => decode(c[1]!)),
  );
}

export function textOf(html: string): string {
  return decode(html);
}
