// Rendered markup kept for reuse. A fragment's markup must depend only on its
// scope (an object that never changes, such as one question of a loaded
// questionnaire version) and its key (everything else the markup shows, as
// text), so two requests with the same scope and key get the same markup
// without building the view model or running the template again. Most of a
// survey page is such fragments: an unanswered question, or a state list with
// Ohio chosen, looks the same for every agency.
//
// The markup is kept as UTF-8 bytes: encoding text walks it twice (its length,
// then its bytes), and a survey page is mostly fragments, so each is encoded
// once, when made, and a page copies its bytes (view-engine.ts).
import { LRUCache } from "lru-cache";

export type Fragment<View extends { partial: string } = { partial: string }> = {
  scope: object;
  key: string;
  /** Builds the partial's context; called only when the markup is not cached. */
  view: () => View;
};

/** At most about 8 MB of markup and keys, least recently used dropped first. */
const MAX_BYTES = 8_000_000;

export function fragmentCache(render: (partial: string, context: object) => string, maxBytes = MAX_BYTES) {
  const scopeIds = new WeakMap<object, number>();
  let nextScopeId = 0;
  const markup = new LRUCache<string, Buffer>({
    maxSize: maxBytes,
    sizeCalculation: (html, key) => html.length + key.length || 1,
  });
  return (fragment: Fragment): Buffer => {
    let scopeId = scopeIds.get(fragment.scope);
    if (scopeId === undefined) {
      scopeId = nextScopeId++;
      scopeIds.set(fragment.scope, scopeId);
    }
    const key = `${scopeId}:${fragment.key}`;
    let html = markup.get(key);
    if (html === undefined) {
      const view = fragment.view();
      html = bytesOf(render(view.partial, view));
      markup.set(key, html);
    }
    return html;
  };
}

/** UTF-8 in memory of its own: a small Buffer.from is a slice of a shared 8 KB pool, which a cached slice would keep alive. */
function bytesOf(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}
