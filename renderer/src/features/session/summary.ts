import type { SessionEvent } from '../../../../shared/model/schema';

/** One line describing an event, for lists and tooltips. */
export function eventSummary(e: SessionEvent): string {
  const clip = (s: string, n = 160) => {
    const one = s.replace(/\s+/g, ' ').trim();
    return one.length > n ? `${one.slice(0, n - 1)}…` : one;
  };
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
