import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';
import { interceptLinks } from './links';
import { plain, plainHtml, planMarkdown, type MarkdownPlan } from './markdown-plan';

/**
 * Markdown from untrusted archives: rendered by marked, then sanitised by DOMPurify. No raw
 * HTML survives, remote images are dropped, and links carry no opener.
 */
let hooked = false;
function installHooks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    // Remote content never loads: an image pointing outside becomes its alt text.
    if (node.tagName === 'IMG' && /^https?:/i.test(node.getAttribute('src') ?? '')) {
      node.replaceWith(document.createTextNode(node.getAttribute('alt') ?? '[remote image]'));
    }
    if (node.tagName === 'A') node.setAttribute('rel', 'noopener noreferrer');
  });
}

const cache = new Map<string, string>();
const CACHE_MAX = 2000;

/** Sanitised HTML for a markdown text; recent results are cached (seeking re-renders the same messages). */
export function renderMarkdown(src: string): string {
  const hit = cache.get(src);
  if (hit !== undefined) {
    cache.delete(src);
    cache.set(src, hit);
    return hit;
  }
  const html = renderUncached(src);
  cache.set(src, html);
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
  return html;
}

function renderUncached(src: string): string {
  const plan = planMarkdown(src);
  if (plan.mode === 'plain') return plainHtml(plan);
  installHooks();
  let html: string;
  try {
    html = marked.parse(plan.text, { async: false, gfm: true, breaks: false }) as string;
  } catch {
    // A stack overflow or a parser bug on hostile input: show the text, never blank the pane.
    return plainHtml(plain(src, 'error') as Extract<MarkdownPlan, { mode: 'plain' }>);
  }
  return sanitizeHtml(html);
}

/** HTML through the sanitiser with the rules above (also for HTML built from its output, such as highlighted code). */
export function sanitizeHtml(html: string): string {
  installHooks();
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'iframe', 'object', 'embed', 'video', 'audio'],
    FORBID_ATTR: ['style', 'srcset'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#|blob:|data:image\/(?:png|jpeg|gif|webp);)/i,
  });
}

export function Markdown({ text, className }: { text: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  // Sanitised above.
  // Links never navigate the app (a `#…` link would change its route): see links.tsx.
  return <div className={`markdown ${className ?? ''}`} onClick={interceptLinks} dangerouslySetInnerHTML={{ __html: html }} />;
}
