// Rendered markup kept for reuse. A fragment's markup must depend only on its
// scope (an object that never changes, such as one question of a loaded
// questionnaire version) and its key (everything else the markup shows, as
// text), so two requests with the same scope and key get the same markup
// without building the view model or running the template again. Most of a
// survey page is such fragments: an unanswered question, or a state list with
// Ohio chosen, looks the same for every agency.
import { LRUCache } from "lru-cache";

export type Fragment<View extends { partial: string } = { partial: string }> = {
  scope: object;
  key: string;
  /** Builds the partial's context; called only when the markup is not cached. */
  view: () => View;
};

/** At most about 8 MB of markup (string lengths count UTF-16 code units), least recently used dropped first. */
const MAX_CHARS = 4_000_000;

// A template's output is a rope of many small strings joined by +, which V8
// must walk and copy (flatten) whenever the page holding it is written out.
// Flattened once here, a reused fragment costs the page one piece, not hundreds.
// (Number() of a string makes V8 flatten it, and leaves the string as it is.)
function flatten(html: string): string {
  Number(html);
  return html;
}

export function fragmentCache(render: (partial: string, context: object) => string, maxChars = MAX_CHARS) {
  const scopeIds = new WeakMap<object, number>();
  let nextScopeId = 0;
  const markup = new LRUCache<string, string>({
    maxSize: maxChars,
    sizeCalculation: (html, key) => html.length + key.length || 1,
  });
  return (fragment: Fragment): string => {
    let scopeId = scopeIds.get(fragment.scope);
    if (scopeId === undefined) {
      scopeId = nextScopeId++;
      scopeIds.set(fragment.scope, scopeId);
    }
    const key = `${scopeId}:${fragment.key}`;
    let html = markup.get(key);
    if (html === undefined) {
      const view = fragment.view();
      html = flatten(render(view.partial, view));
      markup.set(key, html);
    }
    return html;
  };
}
