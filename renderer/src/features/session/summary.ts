import type { SessionEvent } from '../../../../shared/model/schema';
import { oneLine } from '../../../../shared/util/one-line';

/** Summaries already made: a list row renders its event's on every seek that brings it in. Events are never changed once loaded. */
const made = new WeakMap<SessionEvent, string>();

/** One line describing an event, for lists and tooltips. */
export function eventSummary(e: SessionEvent): string {
  let s = made.get(e);
  if (s === undefined) made.set(e, (s = summarise(e)));
  return s;
}

function summarise(e: SessionEvent): string {
  const clip = (s: string, n = 160) => oneLine(s, n);
  switch (e.kind) {
    case 'prompt':
    case 'response':
    case 'thinking':
    case 'narration':
      return clip(e.text);
    case 'tool_call':
      return `${e.name} · ${e.status}`;
    case 'diff':
      return `${e.change} ${e.path}`;
    case 'command':
      return `$ ${clip(e.cmd, 120)}${e.exitCode !== undefined && e.exitCode !== null ? ` → ${e.exitCode}` : ''}`;
    case 'test_run':
      return `${e.passed} passed, ${e.failed} failed`;
    case 'git_action':
      return `git ${e.action}${e.message ? `: ${clip(e.message, 100)}` : ''}`;
    case 'decision':
      return `${clip(e.question, 100)}${e.chosen ? ` → ${e.chosen}` : ''}`;
    case 'approval':
      return `${e.granted ? 'Allowed' : 'Denied'} ${e.tool}`;
    case 'interrupt':
      return e.reason ? `Interrupted: ${e.reason}` : 'Interrupted the agent';
    case 'marker':
      return e.label;
  }
}

export function formatClock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(sec).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
