/**
 * Recognising a Claude Code transcript by its content. Pure.
 */
import type { Sniff } from '../import/registry';
import { isRecord, str, tryJson } from './text-support';

export const CLAUDE_RECORD_TYPES = new Set(['user', 'assistant', 'system', 'summary', 'progress', 'queue-operation', 'file-history-snapshot', 'attachment']);
/**
 * Record types that carry session context, not actions (seen in 2.1.x; new ones appear every
 * few releases): counted and named in the import report.
 */
export const CLAUDE_CONTEXT_TYPES = new Set(['permission-mode', 'ai-title', 'last-prompt', 'custom-title', 'agent-name', 'pr-link', 'tag', 'mode', 'worktree-state', 'agent-setting']);

/** Does this head of a file look like a Claude Code transcript? */
export function looksLikeClaudeTranscript(s: Sniff): number {
  if (s.isBinary || s.isZip) return 0;
  const text = s.text.charCodeAt(0) === 0xfeff ? s.text.slice(1) : s.text;
  const lines = text.split('\n');
  let first = '';
  for (const l of lines) {
    const x = l.trim();
    if (x === '' || x.startsWith('//')) continue;
    first = x;
    break;
  }
  if (!first) return 0;
  if (first.startsWith('[') || first.startsWith('{"loglines"') || first === '{') {
    const typed = /"type"\s*:\s*"(user|assistant|summary)"/.test(text) && /"message"\s*:/.test(text);
    return typed && (/"(sessionId|uuid|parentUuid)"\s*:/.test(text) || /^\s*\{\s*"loglines"\s*:/.test(text)) ? 0.85 : 0;
  }
  if (!first.startsWith('{')) return 0;
  const o = tryJson(first);
  if (isRecord(o)) {
    if (typeof o.hook_event_name === 'string') return 0;
    if (isClaudeRecord(o)) return 0.95;
    // Newer releases open with records of types added since (permission-mode, ai-title…):
    // detection must not hinge on the first record, so look at the others in the head.
    if (typeof o.type !== 'string' || !('sessionId' in o)) return 0;
    let seen = 0;
    for (const l of lines) {
      const x = l.trim();
      if (!x.startsWith('{') || ++seen > 200) continue;
      const r = tryJson(x);
      if (isRecord(r) && isClaudeRecord(r)) return 0.95;
    }
    return /^[a-z][a-z-]*$/.test(o.type) ? 0.6 : 0;
  }
  // A first line longer than the sniff window.
  return /^\{"(parentUuid|isSidechain|leafUuid|type|uuid|sessionId|userType)"\s*:/.test(first) && /"type"\s*:\s*"(user|assistant|summary|system|file-history-snapshot|queue-operation|progress|permission-mode)"/.test(first) ? 0.8 : 0;
}

/** A record of a known type with Claude Code's envelope. */
function isClaudeRecord(o: Record<string, unknown>): boolean {
  const type = str(o.type);
  return !!type && CLAUDE_RECORD_TYPES.has(type) && ('uuid' in o || 'sessionId' in o || 'leafUuid' in o || 'messageId' in o || 'snapshot' in o || 'parentUuid' in o);
}
