/**
 * The seek measure the replay benchmarks share (issues 18 and 20): random seeks of a view's
 * clock, each made in a task just after a frame was painted (the worst moment: the whole wait
 * for the next frame is counted), each timed until the frame that painted the last change it
 * made to the page (a MutationObserver sees every change; changes inside code blocks, which
 * are highlighted when the page is idle, are not counted). Also how long each seek waited for
 * its first frame, how long that frame took, and the seek's own task.
 */
import type { Page } from '@playwright/test';

/** The page global holding the clock: the single replay's or the side-by-side view's (both set with `?bench=1`). */
export type SeekView = '__batonReplay' | '__batonCompare';

export interface Quantiles {
  p50: number;
  p95: number;
  max: number;
}

export function quantiles(xs: readonly number[]): Quantiles {
  const sorted = [...xs].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
  return { p50: q(0.5), p95: q(0.95), max: sorted.at(-1) ?? NaN };
}

/**
 * `n` random seeks of the replay's clock, each made in a task just after a frame was painted.
 * For each: the time until the next frame was painted, and until the frame that painted the
 * seek's last change to the page. Code highlighting, done when idle, is not counted. With
 * `noop`, everything but the seek itself: the floor of the measure. `view`: the page's global
 * that holds the clock (the single replay's, the side-by-side view's).
 */
export function paintedSeeks(page: Page, n: number, seed: number, opts: { noop?: boolean; view?: SeekView } = {}) {
  return page.evaluate(
    async ({ count, seed0, skip, view }) => {
      const { clock } = (window as unknown as Record<string, { clock: { seek(t: number): void; get(): { duration: number } } }>)[view]!;
      const now = () => performance.now();
      type PostTask = (cb: () => void, o: { priority: 'user-blocking' }) => Promise<void>;
      const postTask = (globalThis as unknown as { scheduler: { postTask: PostTask } }).scheduler.postTask.bind((globalThis as unknown as { scheduler: object }).scheduler);
      /**
       * Resolves with the time of the first task after the next frame has been painted (a
       * user-blocking task posted from the frame's animation callbacks runs before any other
       * task queued meanwhile).
       */
      const painted = () => new Promise<number>((r) => requestAnimationFrame(() => void postTask(() => r(now()), { priority: 'user-blocking' })));
      let lastChange = 0;
      const counts = (m: MutationRecord) => !(m.target instanceof Element ? m.target : m.target.parentElement)?.closest('pre');
      /** The pane a change was made in: its nearest ancestor with a test id (the seek's panes all have one). */
      const PANES = '[data-testid="replay-events"], [data-testid="compare-pane"], [data-testid="conversation"], [data-testid="decisions"], [data-testid="timeline"], [data-testid="event-position"], [data-testid="clock-time"], [data-testid="annotation-lanes"]';
      const paneOf = (m: MutationRecord) => {
        const el = m.target instanceof Element ? m.target : m.target.parentElement;
        const pane = el?.closest(PANES)?.getAttribute('data-testid') ?? el?.tagName.toLowerCase() ?? '?';
        return m.type === 'attributes' ? `${pane} (${m.attributeName ?? ''})` : `${pane} (${m.type})`;
      };
      /** Changes of this seek: when, and in which pane. */
      let changes: { at: number; pane: string }[] = [];
      const note = (records: MutationRecord[]) => {
        const at = now();
        for (const m of records) if (counts(m)) changes.push({ at, pane: paneOf(m) });
      };
      const mo = new MutationObserver((records) => {
        if (records.some(counts)) lastChange = now();
        note(records);
      });
      mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      const first: number[] = [];
      const settled: number[] = [];
      const elements: number[] = [];
      /** Per pane (and kind of change), the seeks that changed it after the first frame painted. */
      const late: Record<string, number> = {};
      /** Seeks by the frame after them that painted their last change (1: the first). */
      const paintedIn: Record<string, number> = {};
      /** Seek → the first frame's start; that frame's start → painted; the seek's task (when it ended before the frame). */
      const waits: number[] = [];
      const inFrame: number[] = [];
      const tasks: number[] = [];
      /** The seek's task, ended before its frame or not (a message posted after it: a frame may run first). */
      const taskAll: number[] = [];
      let seed = seed0;
      const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      for (let i = 0; i < count; i++) {
        const t = rand() * clock.get().duration;
        await painted();
        // Let anything still pending from the last seek finish first.
        await painted();
        mo.takeRecords();
        lastChange = 0;
        changes = [];
        // The first frame after the seek: when it starts (its first animation callback, asked
        // for before the seek) and when the seek's own task, React's commit included, is over.
        let frameStart = 0;
        requestAnimationFrame(() => (frameStart = now()));
        let taskEnd = 0;
        const ch = new MessageChannel();
        ch.port1.onmessage = () => (taskEnd = now());
        const start = now();
        performance.mark('seek');
        if (!skip) clock.seek(t);
        ch.port2.postMessage(null);
        const frames: number[] = [];
        for (let k = 0; k < 4; k++) frames.push(await painted());
        ch.port1.close();
        waits.push(frameStart - start);
        inFrame.push(frames[0]! - frameStart);
        if (taskEnd && taskEnd < frameStart) tasks.push(taskEnd - start);
        if (taskEnd) taskAll.push(taskEnd - start);
        const rest = mo.takeRecords();
        if (rest.some(counts)) lastChange = now();
        note(rest);
        for (const pane of new Set(changes.filter((c) => c.at > frames[0]!).map((c) => c.pane))) late[pane] = (late[pane] ?? 0) + 1;
        first.push(frames[0]! - start);
        // The first frame painted after the last change (made in a task before it, or in its own callbacks).
        const k = frames.findIndex((p) => p > lastChange);
        paintedIn[k === -1 ? '5+' : String(k + 1)] = (paintedIn[k === -1 ? '5+' : String(k + 1)] ?? 0) + 1;
        // Still changing after four frames: counted as the fifth.
        settled.push(k === -1 ? frames[3]! - start + 1000 / 60 : frames[k]! - start);
        elements.push(document.getElementsByTagName('*').length);
      }
      mo.disconnect();
      return { first, settled, elements, late, paintedIn, waits, inFrame, tasks, taskAll };
    },
    { count: n, seed0: seed, skip: opts.noop ?? false, view: opts.view ?? '__batonReplay' },
  );
}
