import type { SessionEvent } from '../../../../../shared/model/schema';
import { eventTexts } from './event-texts';

/**
 * The searchable strings of a session's events, gathered once and kept while the events are:
 * event i's strings are `texts[starts[i]]` up to (not including) `texts[starts[i + 1]]`, empty
 * ones left out. Building it is most of what a search used to pay each time (an array per
 * event, and every structured tool input turned into JSON again); a search over it only tests
 * strings. Mostly references to the events' own strings: the extra memory is the tool inputs'
 * JSON and one pointer per string.
 *
 * Built in steps (`extend`), so a search can index and scan slice by slice, and an idle
 * callback can finish it before anyone searches.
 */
export class SearchTexts {
  readonly texts: string[] = [];
  /** starts[i] is where event i's strings begin; valid for i ≤ `indexed`. */
  readonly starts: Int32Array;
  private done = 0;

  constructor(private readonly events: readonly SessionEvent[]) {
    this.starts = new Int32Array(events.length + 1);
  }

  /** How many events (from the first) have their strings gathered. */
  get indexed(): number {
    return this.done;
  }

  get complete(): boolean {
    return this.done === this.events.length;
  }

  /** Gathers the strings of the events before `end` (no-op for those already gathered). */
  extend(end: number): void {
    const stop = Math.min(end, this.events.length);
    const { texts, starts } = this;
    for (let i = this.done; i < stop; i++) {
      for (const s of eventTexts(this.events[i]!)) if (s) texts.push(s);
      starts[i + 1] = texts.length;
    }
    if (stop > this.done) this.done = stop;
  }
}

const built = new WeakMap<readonly SessionEvent[], SearchTexts>();

/** The search texts of this events array: the same object for the same array, built as far as anyone has. */
export function searchTexts(events: readonly SessionEvent[]): SearchTexts {
  let s = built.get(events);
  // An array that grew since (nothing in the app does that) gets its strings gathered afresh.
  if (!s || s.starts.length !== events.length + 1) {
    s = new SearchTexts(events);
    built.set(events, s);
  }
  return s;
}

/** Events gathered per idle callback at most (about a millisecond of work on the generated sessions). */
const IDLE_SLICE = 2000;

/**
 * Gathers the events' search texts in idle time, a slice per idle period; returns a stop
 * function. A search that starts first gathers what is left itself.
 */
export function prepareSearch(events: readonly SessionEvent[]): () => void {
  const index = searchTexts(events);
  const idle = globalThis.requestIdleCallback as typeof requestIdleCallback | undefined;
  let id: number | undefined;
  const step = (deadline?: IdleDeadline) => {
    do index.extend(index.indexed + IDLE_SLICE);
    while (!index.complete && deadline && deadline.timeRemaining() > 2);
    if (!index.complete) schedule();
  };
  const schedule = () => {
    id = idle ? idle(step) : (setTimeout(step, 0) as unknown as number);
  };
  if (!index.complete) schedule();
  return () => {
    if (id === undefined) return;
    if (idle) cancelIdleCallback(id);
    else clearTimeout(id);
  };
}
