import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../shared/model/schema';
import {
  bucketize,
  buildTimelineLanes,
  clampView,
  followView,
  hitTest,
  MAX_SEPARATE_SUBAGENT_LANES,
  MAX_SUBAGENT_ROWS,
  packSubagents,
  panView,
  tickStep,
  visibleRange,
  zoomView,
} from '../../shared/replay/timeline';
import { generateLargeSession } from '../../shared/samples';
import { timelineMetrics } from '../../renderer/src/features/replay/timeline/metrics';

const ev = (e: Partial<SessionEvent> & Pick<SessionEvent, 'kind' | 't' | 'actor'>, i: number): SessionEvent =>
  ({ id: `e${i}`, text: 'x', ...e }) as SessionEvent;

describe('timeline lanes', () => {
  const events: SessionEvent[] = [
    ev({ kind: 'prompt', t: 0, actor: 'candidate' }, 0),
    ev({ kind: 'response', t: 100, actor: 'agent' }, 1),
    { id: 'c', kind: 'command', t: 200, actor: 'agent', cmd: 'npm test', exitCode: 1, durationMs: 1500 },
    { id: 'd', kind: 'diff', t: 300, actor: 'agent', path: 'a.ts', change: 'modified', patch: '' },
    { id: 'n', kind: 'narration', t: 50, endT: 2050, actor: 'candidate', text: 'I think' },
    { id: 'a', kind: 'approval', t: 400, actor: 'candidate', tool: 'Bash', granted: false },
    { id: 's1', kind: 'tool_call', t: 500, actor: 'agent', lane: 'sub1', name: 'Read', category: 'read', status: 'ok' },
  ].sort((a, b) => a.t - b.t) as SessionEvent[];
  const lanes = buildTimelineLanes(events, { lanes: [{ id: 'sub1', label: 'Explore tests' }] });

  it('splits by actor and kind, drops empty lanes, gives each subagent its own lane', () => {
    expect(lanes.map((l) => l.id)).toEqual(['prompts', 'candidate-actions', 'narration', 'responses', 'diffs', 'commands', 'lane:sub1']);
    expect(lanes.at(-1)!.label).toBe('↳ Explore tests');
    // Every event lands in exactly one lane.
    expect(lanes.reduce((n, l) => n + l.times.length, 0)).toBe(events.length);
  });

  it('marks failures: a failed command and a denied approval', () => {
    expect(lanes.find((l) => l.id === 'commands')!.failed[0]).toBe(1);
    expect(lanes.find((l) => l.id === 'candidate-actions')!.failed[0]).toBe(1);
    expect(lanes.find((l) => l.id === 'diffs')!.failed[0]).toBe(0);
  });

  it('hit-tests points within tolerance and spans that started before', () => {
    const narration = lanes.find((l) => l.id === 'narration')!;
    expect(hitTest(narration, 60, 5)).toBe(0);
    expect(hitTest(narration, 1800, 5)).toBe(0); // inside the spoken segment
    expect(hitTest(narration, 2500, 5)).toBe(-1);
    const cmds = lanes.find((l) => l.id === 'commands')!;
    expect(hitTest(cmds, 1000, 10)).toBe(0); // the command ran 200..1700
    expect(hitTest(lanes[0]!, 30, 10)).toBe(-1);
  });
});

describe('subagent rows', () => {
  it('packs many subagents into a few rows without overlaps inside a row', () => {
    const spans = new Map<string, [number, number]>();
    for (let i = 0; i < 300; i++) spans.set(`a${i}`, [i * 1000, i * 1000 + (i % 7 === 0 ? 5_500 : 800)]);
    const rows = packSubagents(spans);
    const used = new Set(rows.values());
    expect(used.size).toBeLessThanOrEqual(MAX_SUBAGENT_ROWS);
    expect(used.size).toBeGreaterThan(1); // the long ones overlap their neighbours
    const byRow = new Map<number, [number, number][]>();
    for (const [id, r] of rows) (byRow.get(r) ?? byRow.set(r, []).get(r)!).push(spans.get(id)!);
    for (const list of byRow.values()) {
      list.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < list.length; i++) expect(list[i]![0]).toBeGreaterThan(list[i - 1]![1]);
    }
  });

  it('keeps a lane per subagent when there are few', () => {
    const rows = packSubagents(new Map([['x', [0, 10]], ['y', [20, 30]]]));
    expect([...rows.values()]).toEqual([0, 1]);
  });

  it('the large generated session fits in a handful of rows', () => {
    const big = generateLargeSession(20_000, 3);
    const sorted = [...big.events].sort((a, b) => a.t - b.t);
    const lanes = buildTimelineLanes(sorted, big.meta);
    const sub = lanes.filter((l) => l.tone === 'subagent');
    expect(new Set(sorted.filter((e) => e.lane).map((e) => e.lane)).size).toBeGreaterThan(MAX_SEPARATE_SUBAGENT_LANES);
    expect(sub.length).toBeLessThanOrEqual(MAX_SUBAGENT_ROWS);
    expect(lanes.reduce((n, l) => n + l.times.length, 0)).toBe(sorted.length);
  });
});

describe('aggregation', () => {
  const big = generateLargeSession(20_000, 7);
  const sorted = [...big.events].sort((a, b) => a.t - b.t);
  const lanes = buildTimelineLanes(sorted, big.meta);
  const duration = sorted.at(-1)!.t;

  it('column counts add up to the events in the window, for any window and width', () => {
    for (const [t0, t1, cols] of [
      [0, duration, 800],
      [duration * 0.3, duration * 0.31, 1200],
      [1234, 98765, 7],
    ] as const) {
      for (const lane of lanes) {
        const b = bucketize(lane, t0, t1, cols);
        const [from, to] = visibleRange(lane, t0, t1);
        expect(b.counts.reduce((a, n) => a + n, 0)).toBe(to - from);
        expect(b.failures.reduce((a, n) => a + n, 0)).toBe(lane.failed.slice(from, to).reduce((a, n) => a + n, 0));
        expect(Math.max(0, ...b.counts)).toBe(b.max);
      }
    }
  });

  it('puts each event in the column its time falls in', () => {
    const lane = lanes[0]!;
    const t0 = lane.times[10]!;
    const t1 = lane.times[200]!;
    const b = bucketize(lane, t0, t1, 100);
    const expected = new Uint32Array(100);
    for (let i = 10; i <= 200; i++) {
      const c = Math.min(99, Math.floor(((lane.times[i]! - t0) / (t1 - t0)) * 100));
      expected[c]!++;
    }
    // Column edges computed by binary search may differ from floor() by float rounding at
    // an exact edge; totals must agree and no column may differ by more than that.
    let diff = 0;
    for (let c = 0; c < 100; c++) diff += Math.abs(expected[c]! - b.counts[c]!);
    expect(diff).toBeLessThanOrEqual(2);
  });
});

describe('view window math', () => {
  const D = 8 * 3600_000;
  it('zooms around an anchor that stays put on screen', () => {
    const v = { start: 1000_000, end: 2000_000 };
    const anchor = 1250_000;
    const z = zoomView(v, 0.5, anchor, D);
    expect(z.end - z.start).toBeCloseTo(500_000);
    expect((anchor - z.start) / (z.end - z.start)).toBeCloseTo(0.25);
    // Zooming back out returns to the same window.
    const back = zoomView(z, 2, anchor, D);
    expect(back.start).toBeCloseTo(v.start);
    expect(back.end).toBeCloseTo(v.end);
  });

  it('clamps to the session and to a minimum span', () => {
    expect(zoomView({ start: 0, end: D }, 10, 100, D)).toEqual({ start: 0, end: D });
    const tiny = zoomView({ start: 0, end: 10_000 }, 0.0001, 5_000, D);
    expect(tiny.end - tiny.start).toBe(2_000);
    expect(panView({ start: 0, end: 1000_000 }, -5e9, D)).toEqual({ start: 0, end: 1000_000 });
    expect(panView({ start: 0, end: 1000_000 }, 5e9, D)).toEqual({ start: D - 1000_000, end: D });
    expect(clampView({ start: NaN, end: NaN }, 5000)).toEqual({ start: 0, end: 5000 });
  });

  it('pages to keep the playhead in view, and leaves the view alone when it is', () => {
    const v = { start: 0, end: 60_000 };
    expect(followView(v, 30_000, D)).toBe(v);
    const f = followView(v, 90_000, D);
    expect(f.start).toBeLessThan(90_000);
    expect(f.end).toBeGreaterThan(90_000);
    expect(f.end - f.start).toBe(60_000);
  });

  it('picks readable tick steps', () => {
    expect(tickStep(60_000, 1200)).toBe(5_000);
    expect(tickStep(8 * 3600_000, 1200)).toBe(3600_000); // 2.16 M ms per 90 px rounds up to an hour
    expect(tickStep(2_000, 1200)).toBe(250);
  });

  it('keeps labels at least 90 px apart on sessions of days: no more 4-hour cap', () => {
    // 165 hours over 1,270 px (a 1440 px window): the old 4-hour cap put ~41 labels 31 px apart.
    const span = 165 * 3600_000;
    const step = tickStep(span, 1270);
    expect(step).toBe(12 * 3600_000);
    expect((step / span) * 1270).toBeGreaterThanOrEqual(90);
    for (const [hours, px] of [[30, 800], [165, 700], [24 * 30, 1200], [24 * 400, 900], [24 * 365 * 5, 1000]] as const) {
      const sp = hours * 3600_000;
      expect((tickStep(sp, px) / sp) * px, `${hours} h over ${px} px`).toBeGreaterThanOrEqual(90);
    }
  });
});

describe('timeline metrics', () => {
  it('keeps the replay at 12 px and draws the presenter scale at 18 px with lanes to match', () => {
    expect(timelineMetrics()).toMatchObject({ fontPx: 12, labelW: 118, laneH: 17, axisH: 18, overviewH: 16 });
    const room = timelineMetrics(1.5);
    expect(room.fontPx).toBe(18);
    expect(room.laneH).toBeGreaterThanOrEqual(room.fontPx + 6);
    expect(room.axisH).toBeGreaterThanOrEqual(room.fontPx);
    expect(timelineMetrics(Number.NaN).fontPx).toBe(12);
  });
});
