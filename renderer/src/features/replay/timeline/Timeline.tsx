/**
 * The replay timeline, drawn on canvas: an overview strip of the whole session with the
 * visible window, a time axis, lanes by actor and kind (one per subagent), overlays (score
 * evidence, annotations) and the playhead. Wheel or pinch zooms around the pointer,
 * Shift+wheel or a horizontal swipe pans, dragging the overview moves the window, clicking
 * or dragging in the lanes seeks.
 *
 * Two canvases: the base layer redraws only when the view, size, theme or overlays change;
 * the top layer carries the hover line. The playhead (in the overview and in the lanes) is two
 * small elements moved with a transform in the clock's listener, so a seek's frame paints
 * two moved boxes instead of redrawing, copying and committing a canvas the timeline's size;
 * what a seek changes here is done in its own task, not in the frame after it.
 * Drawing is aggregated per pixel column (see shared/replay/timeline.ts), so its cost does
 * not grow with the number of events in view.
 */
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import type { SessionEvent } from '../../../../../shared/model/schema';
import {
  bucketize,
  buildTimelineLanes,
  clampView,
  followView,
  hitTest,
  panView,
  tickStep,
  visibleRange,
  zoomView,
  type TimelineLane,
  type ViewWindow,
} from '../../../../../shared/replay/timeline';
import { eventSummary, formatClock } from '../../session/summary';
import type { AxisBus } from './axis-bus';
import type { ReplayClock } from '../clock';
import type { LoadedSession, TimelineOverlay, TimelineOverlayItem } from '../types';
import { TIMELINE_FONT, timelineMetrics, type TimelineMetrics } from './metrics';


export interface TimelineHandle {
  /** factor < 1 zooms in. Anchored at the playhead. */
  zoom(factor: number): void;
  fit(): void;
  /** Pans by a fraction of the visible span. */
  pan(fraction: number): void;
}

interface Palette {
  bg: string;
  surface: string;
  surface2: string;
  border: string;
  text: string;
  muted: string;
  accent: string;
  accentSoft: string;
  danger: string;
  candidate: string;
  agent: string;
  system: string;
  narration: string;
  idle: string;
}

function readPalette(el: Element): Palette {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  const dark = matchMedia('(prefers-color-scheme: dark)').matches;
  return {
    bg: v('--bg', '#f6f7f9'),
    surface: v('--surface', '#fff'),
    surface2: v('--surface-2', '#f0f2f5'),
    border: v('--border', '#d9dde3'),
    text: v('--text', '#16191d'),
    muted: v('--muted', '#5b6470'),
    accent: v('--accent', '#3451d1'),
    accentSoft: v('--accent-soft', '#e6ebff'),
    danger: v('--danger', '#b42318'),
    candidate: v('--candidate', '#7a3fd1'),
    agent: v('--agent', '#1f6fb2'),
    system: v('--system', '#6b7280'),
    narration: v('--ok', '#127a3e'),
    idle: dark ? 'rgba(255,255,255,0.06)' : 'rgba(16,24,40,0.06)',
  };
}

function toneColor(p: Palette, lane: TimelineLane): string {
  switch (lane.tone) {
    case 'candidate':
      return p.candidate;
    case 'agent':
      return p.agent;
    case 'narration':
      return p.narration;
    case 'subagent':
      return p.agent;
    default:
      return p.system;
  }
}

interface Layout {
  width: number;
  height: number;
  plotX: number;
  plotW: number;
  overlayY: number;
  lanesY: number;
}

function layoutFor(m: TimelineMetrics, width: number, lanes: number, hasOverlays: boolean): Layout {
  const overlayY = m.overviewH + m.axisH;
  const lanesY = overlayY + (hasOverlays ? m.overlayH : 0);
  return { width, height: lanesY + lanes * m.laneH + m.padB, plotX: m.labelW, plotW: Math.max(10, width - m.labelW - 8), overlayY, lanesY };
}

type Hover = { x: number; y: number; title: string; detail: string } | null;

interface Props {
  session: LoadedSession;
  clock: ReplayClock;
  overlays: readonly TimelineOverlay[];
  handleRef?: Ref<TimelineHandle>;
  /** Where the axis is drawn, for strips that line up with it (the waveform). */
  axisBus?: AxisBus;
  /** 1 (default): 12 px labels; the presenter view passes 1.5 for 18 px labels, lanes and axis to match. */
  scale?: number;
}

export function Timeline({ session, clock, overlays, handleRef, axisBus, scale = 1 }: Props) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const baseRef = useRef<HTMLCanvasElement>(null);
  const topRef = useRef<HTMLCanvasElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const overviewHeadRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<Hover>(null);
  const duration = clock.get().duration;
  const lanes = useMemo(() => buildTimelineLanes(session.events, session.meta), [session]);
  const overlayItems = useMemo(() => overlays.flatMap((o) => o.items).sort((a, b) => a.t - b.t), [overlays]);
  const m = useMemo(() => timelineMetrics(scale), [scale]);
  const { labelW: LABEL_W, overviewH: OVERVIEW_H, axisH: AXIS_H, laneH: LANE_H, overlayH: OVERLAY_H, padB: PAD_B } = m;
  const layout = layoutFor(m, width, lanes.length, overlayItems.length > 0);

  // Mutable drawing state: changes here schedule a frame, not a React render.
  const st = useRef({ view: { start: 0, end: duration } as ViewWindow, palette: null as Palette | null, hoverX: -1, baseDirty: true, topDirty: true, raf: 0, overviewCache: null as HTMLCanvasElement | null, overviewKey: '', drawn: false });

  const schedule = useRef<(base?: boolean, hover?: boolean) => void>(() => {});

  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    const ro = new ResizeObserver(() => setWidth(Math.floor(wrap.clientWidth)));
    ro.observe(wrap);
    setWidth(Math.floor(wrap.clientWidth));
    return () => ro.disconnect();
  }, []);

  // Drawing.
  useEffect(() => {
    const base = baseRef.current;
    const top = topRef.current;
    if (!base || !top || width <= 0) return;
    const s = st.current;
    const dpr = window.devicePixelRatio || 1;
    for (const c of [base, top]) {
      c.width = Math.round(layout.width * dpr);
      c.height = Math.round(layout.height * dpr);
      c.style.width = `${layout.width}px`;
      c.style.height = `${layout.height}px`;
    }
    const bctx = base.getContext('2d')!;
    const tctx = top.getContext('2d', { alpha: true })!;
    s.palette = readPalette(base);
    s.baseDirty = true;
    s.topDirty = true;
    s.overviewKey = '';
    const xOf = (t: number, v: ViewWindow) => layout.plotX + ((t - v.start) / (v.end - v.start)) * layout.plotW;

    const drawOverview = (ctx: CanvasRenderingContext2D, p: Palette) => {
      // Density of all events over the whole session: computed once per width and theme.
      const key = `${layout.plotW}:${p.agent}`;
      if (s.overviewKey !== key) {
        const oc = document.createElement('canvas');
        oc.width = Math.round(layout.plotW * dpr);
        oc.height = Math.round(OVERVIEW_H * dpr);
        const o = oc.getContext('2d')!;
        o.scale(dpr, dpr);
        const cols = Math.max(1, Math.floor(layout.plotW));
        const total = new Uint32Array(cols);
        const cand = new Uint32Array(cols);
        for (const lane of lanes) {
          const b = bucketize(lane, 0, duration, cols);
          for (let c = 0; c < cols; c++) {
            total[c]! += b.counts[c]!;
            if (lane.tone === 'candidate') cand[c]! += b.counts[c]!;
          }
        }
        let max = 1;
        for (let c = 0; c < cols; c++) max = Math.max(max, total[c]!);
        for (let c = 0; c < cols; c++) {
          if (!total[c]) continue;
          const h = Math.max(2, Math.sqrt(total[c]! / max) * (OVERVIEW_H - 3));
          o.fillStyle = p.agent;
          o.globalAlpha = 0.45;
          o.fillRect(c, OVERVIEW_H - h, 1, h);
          if (cand[c]) {
            o.globalAlpha = 1;
            o.fillStyle = p.candidate;
            o.fillRect(c, OVERVIEW_H - 3, 1, 3);
          }
        }
        s.overviewCache = oc;
        s.overviewKey = key;
      }
      ctx.fillStyle = p.surface2;
      ctx.fillRect(layout.plotX, 0, layout.plotW, OVERVIEW_H);
      if (s.overviewCache) ctx.drawImage(s.overviewCache, layout.plotX, 0, layout.plotW, OVERVIEW_H);
      // The visible window.
      const v = s.view;
      const x0 = layout.plotX + (v.start / duration) * layout.plotW;
      const x1 = layout.plotX + (v.end / duration) * layout.plotW;
      ctx.fillStyle = p.accent;
      ctx.globalAlpha = 0.16;
      ctx.fillRect(x0, 0, Math.max(2, x1 - x0), OVERVIEW_H);
      ctx.globalAlpha = 1;
      ctx.strokeStyle = p.accent;
      ctx.lineWidth = 1;
      ctx.strokeRect(Math.round(x0) + 0.5, 0.5, Math.max(2, Math.round(x1 - x0) - 1), OVERVIEW_H - 1);
    };

    const drawBase = () => {
      const p = s.palette!;
      const v = s.view;
      top.dataset.view = `${Math.round(v.start)} ${Math.round(v.end)}`;
      const ctx = bctx;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, layout.width, layout.height);
      ctx.font = `${m.fontPx}px ${TIMELINE_FONT}`;
      ctx.textBaseline = 'middle';
      // The label size as the context took it, for tests that check what is drawn (presenter ≥ 18 px).
      top.dataset.fontPx = String(parseFloat(ctx.font));
      drawOverview(ctx, p);

      // Axis with ticks.
      const span = v.end - v.start;
      const step = tickStep(span, layout.plotW / m.scale);
      ctx.fillStyle = p.muted;
      ctx.strokeStyle = p.border;
      ctx.lineWidth = 1;
      const firstTick = Math.ceil(v.start / step) * step;
      const labels: string[] = [];
      ctx.beginPath();
      for (let t = firstTick; t <= v.end; t += step) {
        const x = Math.round(xOf(t, v)) + 0.5;
        ctx.moveTo(x, OVERVIEW_H + AXIS_H - 5 * m.scale);
        ctx.lineTo(x, layout.height - PAD_B);
        const label = formatClock(t) + (step < 1000 ? `.${String(Math.round(t % 1000)).padStart(3, '0').slice(0, 1)}` : '');
        ctx.fillText(label, x + 3, OVERVIEW_H + AXIS_H / 2);
        labels.push(`${Math.round(x + 3)}:${Math.ceil(ctx.measureText(label).width)}`);
      }
      // Where the axis labels and the plot are, for tests that measure the layout (and the waveform's alignment).
      top.dataset.axisLabels = labels.join(' ');
      top.dataset.plot = `${layout.plotX} ${layout.plotW}`;
      axisBus?.publish({ start: v.start, end: v.end, plotX: layout.plotX, plotW: layout.plotW, el: top });
      ctx.globalAlpha = 0.35;
      ctx.stroke();
      ctx.globalAlpha = 1;

      // Idle stretches that "skip idle" compresses.
      const gaps = clock.skipMap.gaps;
      if (gaps.length) {
        ctx.fillStyle = p.idle;
        for (const g of gaps) {
          if (g.end < v.start || g.start > v.end) continue;
          const x0 = Math.max(layout.plotX, xOf(g.start, v));
          const x1 = Math.min(layout.plotX + layout.plotW, xOf(g.end, v));
          ctx.fillRect(x0, layout.overlayY, x1 - x0, layout.height - layout.overlayY - PAD_B);
          if (clock.get().skipIdle && x1 - x0 > 40 * m.scale) {
            ctx.fillStyle = p.muted;
            ctx.fillText('idle', (x0 + x1) / 2 - ctx.measureText('idle').width / 2, OVERVIEW_H + AXIS_H / 2);
            ctx.fillStyle = p.idle;
          }
        }
      }

      // Lanes.
      const cols = Math.max(1, Math.floor(layout.plotW));
      lanes.forEach((lane, li) => {
        const y = layout.lanesY + li * LANE_H;
        if (li % 2 === 1) {
          ctx.fillStyle = p.surface2;
          ctx.globalAlpha = 0.5;
          ctx.fillRect(0, y, layout.width, LANE_H);
          ctx.globalAlpha = 1;
        }
        ctx.fillStyle = lane.tone === 'candidate' ? p.candidate : lane.tone === 'subagent' ? p.muted : p.text;
        ctx.fillText(lane.label, 8, y + LANE_H / 2, LABEL_W - 14);
        const color = toneColor(p, lane);
        const [from, to] = visibleRange(lane, v.start, v.end);
        const inView = to - from;
        const barH = LANE_H - 6 * m.scale;
        // Spans (narration, long commands) that began before the window still show.
        if (lane.maxSpan > 0) {
          ctx.fillStyle = color;
          ctx.globalAlpha = 0.28;
          const startFrom = visibleRange(lane, v.start - lane.maxSpan, v.end)[0];
          if (to - startFrom <= cols * 2) {
            for (let i = startFrom; i < to; i++) {
              const e0 = lane.times[i]!;
              const e1 = lane.ends[i]!;
              if (e1 <= e0 || e1 < v.start) continue;
              const x0 = Math.max(layout.plotX, xOf(e0, v));
              const x1 = Math.min(layout.plotX + layout.plotW, xOf(e1, v));
              ctx.fillRect(x0, y + 3 * m.scale, Math.max(1, x1 - x0), barH);
            }
          }
          ctx.globalAlpha = 1;
        }
        if (inView <= cols / 3) {
          // Sparse: one mark per event.
          for (let i = from; i < to; i++) {
            const x = Math.round(xOf(lane.times[i]!, v));
            ctx.fillStyle = lane.failed[i] ? p.danger : color;
            ctx.fillRect(x - 1, y + 3 * m.scale, Math.max(3, Math.round(3 * m.scale)), barH);
          }
        } else {
          // Dense: one bar per pixel column, height by count.
          const b = bucketize(lane, v.start, v.end, cols);
          const scale = Math.log1p(b.max) || 1;
          ctx.fillStyle = color;
          for (let c = 0; c < cols; c++) {
            const n = b.counts[c]!;
            if (!n) continue;
            const h = Math.max(2, (Math.log1p(n) / scale) * barH);
            ctx.fillRect(layout.plotX + c, y + 3 * m.scale + barH - h, 1, h);
          }
          ctx.fillStyle = p.danger;
          for (let c = 0; c < cols; c++) if (b.failures[c]) ctx.fillRect(layout.plotX + c - 1, y + 1, 3, 3);
        }
      });

      // Overlays (score evidence, annotations).
      if (overlayItems.length) {
        const y = layout.overlayY;
        ctx.fillStyle = p.muted;
        ctx.fillText('Evidence', 8, y + OVERLAY_H / 2, LABEL_W - 14);
        for (const it of overlayItems) {
          if ((it.endT ?? it.t) < v.start || it.t > v.end) continue;
          const x = xOf(it.t, v);
          ctx.fillStyle = it.color;
          if (it.endT !== undefined && it.endT > it.t) {
            ctx.globalAlpha = 0.35;
            ctx.fillRect(x, y + 3 * m.scale, Math.max(2, xOf(it.endT, v) - x), OVERLAY_H - 6 * m.scale);
            ctx.globalAlpha = 1;
          }
          ctx.beginPath();
          ctx.moveTo(x, y + OVERLAY_H - 2 * m.scale);
          ctx.lineTo(x - m.marker, y + 3 * m.scale);
          ctx.lineTo(x + m.marker, y + 3 * m.scale);
          ctx.closePath();
          ctx.fill();
        }
      }
      ctx.strokeStyle = p.border;
      ctx.beginPath();
      ctx.moveTo(LABEL_W - 4.5, OVERVIEW_H);
      ctx.lineTo(LABEL_W - 4.5, layout.height);
      ctx.stroke();
    };

    /** Moves the playhead to the clock's time: style writes only (no canvas, no layout). */
    const placeHead = () => {
      const v = s.view;
      const t = clock.get().t;
      top.setAttribute('aria-valuenow', String(Math.round(t)));
      top.setAttribute('aria-valuetext', formatClock(t));
      const overviewHead = overviewHeadRef.current;
      const head = headRef.current;
      if (overviewHead) {
        overviewHead.style.transform = `translateX(${Math.round(layout.plotX + (t / duration) * layout.plotW) - 1}px)`;
        overviewHead.style.visibility = 'visible';
      }
      if (head) {
        const shown = t >= v.start && t <= v.end;
        if (shown) head.style.transform = `translateX(${Math.round(xOf(t, v)) - 1}px)`;
        head.style.visibility = shown ? 'visible' : 'hidden';
      }
    };

    const drawTop = () => {
      const p = s.palette!;
      const ctx = tctx;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, layout.width, layout.height);
      if (s.hoverX >= layout.plotX) {
        ctx.fillStyle = p.muted;
        ctx.globalAlpha = 0.6;
        ctx.fillRect(Math.round(s.hoverX), OVERVIEW_H + AXIS_H, 1, layout.height - OVERVIEW_H - AXIS_H);
        ctx.globalAlpha = 1;
      }
    };

    // npm run bench reads how long each timeline frame takes to draw (only with ?bench).
    const stats = new URLSearchParams(window.location.search).has('bench') ? ((window as { __batonTimelineDraws?: number[] }).__batonTimelineDraws ??= []) : null;
    const frame = () => {
      const t0 = stats ? performance.now() : 0;
      s.raf = 0;
      s.drawn = true;
      if (s.baseDirty) {
        s.baseDirty = false;
        drawBase();
      }
      placeHead();
      if (s.topDirty) {
        s.topDirty = false;
        drawTop();
      }
      if (stats) stats.push(performance.now() - t0);
    };
    schedule.current = (baseToo = false, hover = false) => {
      if (baseToo) s.baseDirty = true;
      if (hover) s.topDirty = true;
      if (!s.raf) s.raf = requestAnimationFrame(frame);
    };
    s.view = clampView(s.view, duration);
    // The first drawing waits until the frame that shows the replay's first screen is painted:
    // the event rows are not held up by it (issue 20). Later ones (a resize, the whole session
    // replacing the first window) draw at once: resizing a canvas clears it.
    let firstDraw: ReturnType<typeof setTimeout> | undefined;
    const firstFrame = s.drawn ? 0 : requestAnimationFrame(() => (firstDraw = setTimeout(() => !s.drawn && frame(), 0)));
    if (s.drawn) frame();

    // Follow the clock: keep the playhead in view unless the reviewer is dragging. Once the
    // timeline has drawn, a seek's changes are made in its own task (the listener runs in the
    // seek's task, or in the playing clock's own animation frame): the playhead moves, and the
    // lanes are redrawn only when the window had to follow.
    const unsub = clock.subscribe((cs) => {
      const next = followView(s.view, cs.t, duration);
      if (next !== s.view) {
        s.view = next;
        s.baseDirty = true;
      }
      if (!s.drawn) return schedule.current();
      if (s.baseDirty && !s.raf) {
        s.baseDirty = false;
        drawBase();
      }
      placeHead();
    });
    const mq = matchMedia('(prefers-color-scheme: dark)');
    const onTheme = () => {
      s.palette = readPalette(base);
      s.overviewKey = '';
      schedule.current(true);
    };
    mq.addEventListener('change', onTheme);
    // Skip idle toggles the "idle" labels.
    let skip = clock.get().skipIdle;
    const unsubSkip = clock.subscribe((cs) => {
      if (cs.skipIdle !== skip) {
        skip = cs.skipIdle;
        schedule.current(true);
      }
    });
    return () => {
      unsub();
      unsubSkip();
      mq.removeEventListener('change', onTheme);
      cancelAnimationFrame(s.raf);
      cancelAnimationFrame(firstFrame);
      clearTimeout(firstDraw);
      s.raf = 0;
    };
  }, [clock, duration, lanes, overlayItems, layout.width, layout.height, layout.plotW, layout.plotX, layout.overlayY, layout.lanesY, width, axisBus, m, LABEL_W, OVERVIEW_H, AXIS_H, LANE_H, OVERLAY_H, PAD_B]);

  const setView = useCallback(
    (v: ViewWindow) => {
      st.current.view = clampView(v, duration);
      schedule.current(true);
    },
    [duration],
  );

  useImperativeHandle(handleRef, () => ({
    zoom: (f) => setView(zoomView(st.current.view, f, clock.get().t, duration)),
    fit: () => setView({ start: 0, end: duration }),
    pan: (fr) => setView(panView(st.current.view, (st.current.view.end - st.current.view.start) * fr, duration)),
  }));

  // Pointer interaction.
  const drag = useRef<{ mode: 'seek' | 'overview'; pointers: Map<number, number>; pinch?: { dist: number; view: ViewWindow } } | null>(null);

  const timeAt = (x: number) => {
    const v = st.current.view;
    return v.start + ((x - layout.plotX) / layout.plotW) * (v.end - v.start);
  };
  const localXY = (e: { clientX: number; clientY: number }) => {
    const r = topRef.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const hitAt = (x: number, y: number): { event?: SessionEvent; overlay?: TimelineOverlayItem } => {
    const v = st.current.view;
    const tol = ((6 * m.scale) / layout.plotW) * (v.end - v.start);
    const t = timeAt(x);
    if (overlayItems.length && y >= layout.overlayY && y < layout.overlayY + OVERLAY_H) {
      let best: TimelineOverlayItem | undefined;
      let bd = tol;
      for (const it of overlayItems) {
        const d = it.endT !== undefined && t >= it.t && t <= it.endT ? 0 : Math.abs(it.t - t);
        if (d <= bd) {
          bd = d;
          best = it;
        }
      }
      return { overlay: best };
    }
    const li = Math.floor((y - layout.lanesY) / LANE_H);
    const lane = lanes[li];
    if (!lane || y < layout.lanesY) return {};
    const k = hitTest(lane, t, tol);
    return k >= 0 ? { event: session.events[lane.eventIndex[k]!] } : {};
  };

  const seekTo = (x: number, y: number, snap: boolean) => {
    if (snap) {
      const h = hitAt(x, y);
      if (h.event) return clock.seek(h.event.t);
      if (h.overlay) return clock.seek(h.overlay.t);
    }
    clock.seek(Math.min(Math.max(timeAt(x), 0), duration));
  };

  const moveOverview = (x: number) => {
    const v = st.current.view;
    const span = v.end - v.start;
    const center = ((x - layout.plotX) / layout.plotW) * duration;
    setView({ start: center - span / 2, end: center + span / 2 });
  };

  const onPointerDown = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const { x, y } = localXY(e);
    const d = drag.current ?? { mode: 'seek' as const, pointers: new Map<number, number>() };
    d.pointers.set(e.pointerId, x);
    drag.current = d;
    e.currentTarget.setPointerCapture(e.pointerId);
    if (d.pointers.size === 2) {
      const [a, b] = [...d.pointers.values()];
      d.pinch = { dist: Math.abs(a! - b!), view: st.current.view };
      return;
    }
    if (x < layout.plotX) return;
    if (y < OVERVIEW_H) {
      d.mode = 'overview';
      moveOverview(x);
    } else {
      d.mode = 'seek';
      seekTo(x, y, true);
    }
  };

  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const { x, y } = localXY(e);
    const d = drag.current;
    if (d && d.pointers.has(e.pointerId)) {
      d.pointers.set(e.pointerId, x);
      if (d.pinch && d.pointers.size === 2) {
        const [a, b] = [...d.pointers.values()];
        const dist = Math.max(1, Math.abs(a! - b!));
        const mid = timeAt((a! + b!) / 2);
        setView(zoomView(d.pinch.view, d.pinch.dist / dist, mid, duration));
        return;
      }
      if (x >= layout.plotX || d.mode === 'overview') {
        if (d.mode === 'overview') moveOverview(x);
        else seekTo(x, y, false);
      }
      return;
    }
    st.current.hoverX = x >= layout.plotX && y > OVERVIEW_H + AXIS_H ? x : -1;
    schedule.current(false, true);
    const h = x >= layout.plotX ? hitAt(x, y) : {};
    if (h.event) {
      const sub = h.event.lane ? ` · ${session.meta.lanes.find((l) => l.id === h.event!.lane)?.label ?? h.event.lane}` : '';
      setHover({ x, y, title: `${formatClock(h.event.t)} · ${h.event.actor}${sub} · ${h.event.kind.replace('_', ' ')}`, detail: eventSummary(h.event) });
    }
    else if (h.overlay) setHover({ x, y, title: `${formatClock(h.overlay.t)} · evidence`, detail: h.overlay.label });
    else if (x >= layout.plotX && y < OVERVIEW_H) setHover({ x, y, title: formatClock((((x - layout.plotX) / layout.plotW) * duration)), detail: 'Drag to move the visible window' });
    else setHover(null);
  };

  const onPointerUp = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    if (!d) return;
    d.pointers.delete(e.pointerId);
    if (d.pointers.size < 2) d.pinch = undefined;
    if (d.pointers.size === 0) drag.current = null;
  };

  // Wheel must be non-passive to keep the page from scrolling while zooming.
  useEffect(() => {
    const c = topRef.current;
    if (!c) return;
    const onWheel = (e: WheelEvent) => {
      const r = c.getBoundingClientRect();
      const x = e.clientX - r.left;
      if (x < layout.plotX) return;
      e.preventDefault();
      const v = st.current.view;
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? r.width : 1;
      const dx = e.deltaX * unit;
      const dy = e.deltaY * unit;
      if (e.shiftKey || Math.abs(dx) > Math.abs(dy)) {
        const px = e.shiftKey && Math.abs(dx) <= Math.abs(dy) ? dy : dx;
        setView(panView(v, (px / layout.plotW) * (v.end - v.start), duration));
      } else {
        const anchor = v.start + ((x - layout.plotX) / layout.plotW) * (v.end - v.start);
        setView(zoomView(v, Math.exp(dy * (e.ctrlKey ? 0.01 : 0.0015)), anchor, duration));
      }
    };
    c.addEventListener('wheel', onWheel, { passive: false });
    return () => c.removeEventListener('wheel', onWheel);
  }, [duration, layout.plotX, layout.plotW, setView]);

  return (
    <div className="timeline" ref={wrapRef} data-testid="timeline" style={{ height: layout.height || undefined }}>
      <canvas ref={baseRef} className="timeline-base" aria-hidden="true" />
      {/* Hidden until the first drawing places them. */}
      <div ref={overviewHeadRef} className="timeline-head" aria-hidden="true" style={{ height: OVERVIEW_H, visibility: 'hidden' }} />
      <div ref={headRef} className="timeline-head" aria-hidden="true" style={{ top: OVERVIEW_H, height: Math.max(0, layout.height - OVERVIEW_H), visibility: 'hidden' }}>
        <div className="timeline-head-mark" style={{ left: 1 - m.marker, borderWidth: `${6 * m.scale}px ${m.marker}px 0` }} />
      </div>
      <canvas
        ref={topRef}
        className="timeline-top"
        role="slider"
        tabIndex={0}
        aria-label="Timeline: click or drag to seek; wheel to zoom, Shift+wheel to pan"
        aria-valuemin={0}
        aria-valuemax={Math.round(duration)}
        data-testid="timeline-canvas"
        data-lanes={lanes.map((l) => l.id).join(' ')}
        data-overlays={overlays.map((o) => `${o.id}:${o.items.length}`).join(' ')}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onPointerLeave={() => {
          st.current.hoverX = -1;
          schedule.current(false, true);
          setHover(null);
        }}
      />
      {hover && (
        <div className="timeline-tip" role="tooltip" style={{ left: Math.min(hover.x + 12, Math.max(0, width - 320)), top: hover.y + 14 }}>
          <div className="tip-title">{hover.title}</div>
          <div className="tip-detail">{hover.detail}</div>
        </div>
      )}
    </div>
  );
}
