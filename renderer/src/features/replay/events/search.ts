import type { SessionEvent } from '../../../../../shared/model/schema';
import { searchTexts } from './search-index';

export { eventTexts } from './event-texts';

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
  const index = searchTexts(events);
  const { texts, starts } = index;
  const hits: number[] = [];
  for (let start = 0; start < events.length; start += sliceSize) {
    if (signal?.aborted) return hits;
    const end = Math.min(events.length, start + sliceSize);
    // Gathers this slice's strings if no earlier search or idle callback has.
    index.extend(end);
    for (let i = start; i < end; i++) {
      for (let k = starts[i]!, stop = starts[i + 1]!; k < stop; k++) {
        if (re.test(texts[k]!)) {
          hits.push(i);
          break;
        }
      }
    }
    if (end < events.length) await yieldToPage();
  }
  return hits;
}
