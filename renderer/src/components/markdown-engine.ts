/**
 * Markdown from untrusted archives: rendered by marked, then sanitised by DOMPurify. No raw
 * HTML survives, remote images are dropped, and links carry no opener. Loaded on first use
 * (Markdown.tsx), not with the app: a replay's first rows do not wait for it.
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { plain, plainHtml, type MarkdownPlan } from './markdown-plan';

/**
 * The sanitiser's rules, set once (DOMPurify.setConfig): passed to every sanitize() call they
 * were parsed anew each time, an eighth of a message's render.
 */
const RULES = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'iframe', 'object', 'embed', 'video', 'audio'],
  FORBID_ATTR: ['style', 'srcset'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#|blob:|data:image\/(?:png|jpeg|gif|webp);)/i,
};

let hooked = false;
function installHooks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.setConfig(RULES);
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    // Remote content never loads: an image pointing outside becomes its alt text.
    if (node.tagName === 'IMG' && /^https?:/i.test(node.getAttribute('src') ?? '')) {
      node.replaceWith(document.createTextNode(node.getAttribute('alt') ?? '[remote image]'));
    }
    if (node.tagName === 'A') node.setAttribute('rel', 'noopener noreferrer');
  });
}

/** Sanitised HTML for a text the plan says to format as markdown. */
export function markdownHtml(src: string): string {
  installHooks();
  let html: string;
  try {
    html = marked.parse(src, { async: false, gfm: true, breaks: false }) as string;
  } catch {
    // A stack overflow or a parser bug on hostile input: show the text, never blank the pane.
    return plainHtml(plain(src, 'error') as Extract<MarkdownPlan, { mode: 'plain' }>);
  }
  return sanitizeHtml(html);
}

/** HTML through the sanitiser with the rules above (also for HTML built from its output, such as highlighted code). */
export function sanitizeHtml(html: string): string {
  installHooks();
  return DOMPurify.sanitize(html);
}
