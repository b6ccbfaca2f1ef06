import { useEffect } from 'react';
import { prewarmMarkdown } from '../../../components/markdown-prewarm';
import type { LoadedSession } from '../types';
import { clipMessage } from './clip';

/** At most this many messages of a session are rendered ahead (the markdown cache holds 2,000 texts, shared by every pane). */
const MAX_MESSAGES = 400;

/**
 * The markdown a session's conversation shows for each prompt and response (a long one's start,
 * as Message renders it unexpanded), in order, at most `max` of them around event `around`.
 */
export function conversationTexts(session: Pick<LoadedSession, 'events'>, around = 0, max = MAX_MESSAGES): string[] {
  const at: number[] = [];
  session.events.forEach((e, i) => {
    if ((e.kind === 'prompt' || e.kind === 'response') && e.lane === undefined) at.push(i);
  });
  let first = at.findIndex((i) => i >= around);
  if (first === -1) first = at.length;
  const from = Math.max(0, Math.min(first - Math.floor(max / 2), at.length - max));
  return at.slice(from, from + max).map((i) => {
    const e = session.events[i] as Extract<LoadedSession['events'][number], { kind: 'prompt' | 'response' }>;
    return clipMessage(e.text)?.text ?? e.text;
  });
}

/**
 * Renders the markdown of a session's conversation in idle time (components/markdown-prewarm.ts),
 * once per session, starting around the clock's time when the pane opened.
 */
export function usePrewarmConversation(session: LoadedSession, t: () => number): void {
  useEffect(() => {
    if (session.loading) return;
    return prewarmMarkdown(conversationTexts(session, session.index.indexAt(t())));
    // The time is read once, when the session has loaded.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session]);
}
