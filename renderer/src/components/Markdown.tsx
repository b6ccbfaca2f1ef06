import { useEffect, useState } from 'react';
import type * as EngineModule from './markdown-engine';
import { interceptLinks } from './links';
import { escapeHtml, plainHtml, planMarkdown } from './markdown-plan';

/**
 * Markdown from untrusted archives, rendered and sanitised by markdown-engine.ts (marked and
 * DOMPurify). The engine loads on the first text to format, not with the app (issue 20: a
 * replay's first rows do not wait for it); until it is here a text shows as it is, escaped.
 */
type Engine = typeof EngineModule;
let engine: Engine | undefined;
let loading: Promise<Engine> | undefined;

/** marked and DOMPurify, loaded once. */
export function markdownEngine(): Promise<Engine> {
  return (loading ??= import('./markdown-engine').then((m) => (engine = m)));
}

const cache = new Map<string, string>();
const CACHE_MAX = 2000;

/**
 * Sanitised HTML for a markdown text; recent results are cached (seeking re-renders the same
 * messages). Undefined while the engine is still loading (the call starts loading it).
 */
export function renderMarkdown(src: string): string | undefined {
  const hit = cache.get(src);
  if (hit !== undefined) {
    cache.delete(src);
    cache.set(src, hit);
    return hit;
  }
  const plan = planMarkdown(src);
  let html: string;
  if (plan.mode === 'plain') html = plainHtml(plan);
  else if (engine) html = engine.markdownHtml(plan.text);
  else {
    void markdownEngine();
    return undefined;
  }
  cache.set(src, html);
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
  return html;
}

/** The HTML of a markdown text: the text itself (escaped, line breaks kept) until the engine has loaded, then formatted. */
export function useMarkdownHtml(text: string): string {
  // Set once the engine is here: renders the text again, formatted.
  const [, setLoaded] = useState(false);
  const html = renderMarkdown(text);
  const pending = html === undefined;
  useEffect(() => {
    if (!pending) return;
    let live = true;
    void markdownEngine().then(() => live && setLoaded(true));
    return () => {
      live = false;
    };
  }, [pending]);
  return html ?? `<div class="md-pending">${escapeHtml(text)}</div>`;
}

export function Markdown({ text, className }: { text: string; className?: string }) {
  const html = useMarkdownHtml(text);
  // Sanitised (renderMarkdown) or escaped.
  // Links never navigate the app (a `#…` link would change its route): see links.tsx.
  return <div className={`markdown ${className ?? ''}`} onClick={interceptLinks} dangerouslySetInnerHTML={{ __html: html }} />;
}
