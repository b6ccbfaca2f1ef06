import type { LargeText, SessionEvent } from '../../../../../shared/model/schema';

function text(x: LargeText | undefined): string {
  return typeof x === 'string' ? x : '';
}

/** Every searchable string of an event (blob-backed outputs are not searched). */
export function eventTexts(e: SessionEvent): string[] {
  switch (e.kind) {
    case 'prompt':
    case 'response':
    case 'thinking':
    case 'narration':
      return [e.text];
    case 'tool_call':
      return [e.name, typeof e.input === 'string' ? e.input : JSON.stringify(e.input ?? ''), text(e.output)];
    case 'diff':
      return [e.path, e.oldPath ?? '', e.after ?? '', e.patch ?? ''];
    case 'command':
      return [e.cmd, text(e.stdout), text(e.stderr)];
    case 'test_run':
      return [e.cmd ?? '', e.framework ?? ''];
    case 'git_action':
      return [e.action, e.message ?? '', e.ref ?? '', e.sha ?? ''];
    case 'decision':
      return [e.question, ...e.options, e.chosen ?? '', e.rationale ?? ''];
    case 'approval':
      return [e.tool, e.reason ?? ''];
    case 'interrupt':
      return [e.reason ?? 'interrupt'];
    case 'marker':
      return [e.label];
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Lets the page handle input between slices. scheduler.yield() (Chromium) resumes at once;
 * chained setTimeout(0) calls are clamped to 4 ms each after the fifth, which alone cost a
 * 100,000-event search 100 ms.
 */
function yieldToPage(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  return new Promise((r) => setTimeout(r, 0));
}

/**
 * Indices of events whose text contains the query (case-insensitive), over all events —
 * rendered or not. Scans in slices and yields between them so a 100,000-event session never
 * blocks the page for long; a newer search aborts an older one.
 */
export async function findEvents(events: readonly SessionEvent[], query: string, signal?: AbortSignal, sliceSize = 4000): Promise<number[]> {
  const q = query.trim();
  if (!q) return [];
  const re = new RegExp(escapeRegExp(q), 'i');
  const hits: number[] = [];
  for (let start = 0; start < events.length; start += sliceSize) {
    if (signal?.aborted) return hits;
    const end = Math.min(events.length, start + sliceSize);
    for (let i = start; i < end; i++) if (eventTexts(events[i]!).some((s) => re.test(s))) hits.push(i);
    if (end < events.length) await yieldToPage();
  }
  return hits;
}
