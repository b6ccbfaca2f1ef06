import type { SessionEvent } from '../../../../shared/model/schema';
import type { LoadedSession } from './types';

/** What the conversation pane shows; a session with none of these has no conversation. */
export const CONVERSATION_KINDS: ReadonlySet<SessionEvent['kind']> = new Set(['prompt', 'response', 'thinking', 'interrupt']);

/**
 * A session that is only a terminal: a recording or commands, and no prompt or response. Its
 * terminal is what a reviewer came to see, so it opens as the main pane.
 */
export function isTerminalOnly(session: Pick<LoadedSession, 'meta' | 'events'>): boolean {
  const hasTerminal = session.meta.terminals.length > 0 || session.events.some((e) => e.kind === 'command');
  return hasTerminal && !session.events.some((e) => CONVERSATION_KINDS.has(e.kind));
}

/** The same question from the session's stored counts (a replay still loading has only a window of its events). */
export function isTerminalOnlyByCounts(session: Pick<LoadedSession, 'meta' | 'row'>): boolean {
  const counts = session.row.counts;
  const hasTerminal = session.meta.terminals.length > 0 || (counts.command ?? 0) > 0;
  return hasTerminal && ![...CONVERSATION_KINDS].some((k) => (counts[k] ?? 0) > 0);
}
