/**
 * Small pure pieces of the replay layout: which sessions open on their terminal, the
 * timeline's axis as published to the waveform, and the waveform's time ↔ x mapping (the
 * same as the timeline's, so both put a moment at the same x).
 */
import { describe, expect, it, vi } from 'vitest';
import type { SessionEvent, SessionMeta } from '../../shared/model/schema';
import { isTerminalOnly } from '../../renderer/src/features/replay/main-pane';
import { AxisBus } from '../../renderer/src/features/replay/timeline/axis-bus';
import { timeAtX, wavePlacement, xAtTime } from '../../renderer/src/features/replay/audio/wave-draw';
import { meta } from './helpers/session';

const m = (over: Partial<SessionMeta> = {}) => ({ ...meta(), ...over }) as SessionMeta;
const cmd: SessionEvent = { id: 'c1', t: 0, actor: 'agent', kind: 'command', cmd: 'ls' };
const prompt: SessionEvent = { id: 'p1', t: 0, actor: 'candidate', kind: 'prompt', text: 'hi' };
const marker: SessionEvent = { id: 'm1', t: 0, actor: 'system', kind: 'marker', label: 'start' };

describe('isTerminalOnly', () => {
  it('is true for a recording or commands with no conversation', () => {
    expect(isTerminalOnly({ meta: m({ terminals: [{ id: 't1', blob: { blob: 'terminal/a.cast', mime: 'application/x-asciicast', size: 10 }, cols: 80, rows: 24, offsetMs: 0 }] }), events: [marker] })).toBe(true);
    expect(isTerminalOnly({ meta: m({ terminals: [] }), events: [marker, cmd] })).toBe(true);
  });
  it('is false once there is a prompt, or when there is no terminal at all', () => {
    expect(isTerminalOnly({ meta: m({ terminals: [] }), events: [cmd, prompt] })).toBe(false);
    expect(isTerminalOnly({ meta: m({ terminals: [] }), events: [marker] })).toBe(false);
  });
});

describe('AxisBus', () => {
  it('tells subscribers when the axis changes, not when it is published unchanged', () => {
    const bus = new AxisBus();
    const fn = vi.fn();
    const off = bus.subscribe(fn);
    const el = {} as HTMLElement;
    bus.publish({ start: 0, end: 1000, plotX: 118, plotW: 800, el });
    bus.publish({ start: 0, end: 1000, plotX: 118, plotW: 800, el });
    bus.publish({ start: 0, end: 500, plotX: 118, plotW: 800, el });
    expect(fn).toHaveBeenCalledTimes(2);
    expect(bus.get()?.end).toBe(500);
    off();
    bus.publish({ start: 0, end: 250, plotX: 118, plotW: 800, el });
    expect(fn).toHaveBeenCalledTimes(2);
  });
});

describe('the waveform axis mapping', () => {
  const axis = { start: 10_000, end: 70_000, plotX: 118, plotW: 1200 };
  it('puts a time where the timeline does: plotX + (t − start) / span × plotW', () => {
    expect(xAtTime(axis, 10_000)).toBe(118);
    expect(xAtTime(axis, 70_000)).toBe(1318);
    expect(xAtTime(axis, 40_000)).toBe(718);
  });
  it('and back', () => {
    for (const t of [10_000, 12_345, 69_999]) expect(timeAtX(axis, xAtTime(axis, t))).toBeCloseTo(t, 6);
  });
  it("places wavesurfer's box over the recording's visible span, at the timeline's scale, scrolled to the window's start", () => {
    // A recording from 0 to 40 s, seen through the 10-70 s window: it starts before the window.
    expect(wavePlacement(axis, 0, 40_000)).toEqual({ left: 118, width: 600, pxPerSec: 20, scrollSec: 10 });
    // One from 30 s to 100 s: its box starts under 30 s and runs to the plot's right edge.
    expect(wavePlacement(axis, 30_000, 70_000)).toEqual({ left: 518, width: 800, pxPerSec: 20, scrollSec: 0 });
    // Out of view, or empty: nothing to draw.
    expect(wavePlacement(axis, 80_000, 5_000)).toBeNull();
    expect(wavePlacement(axis, 0, 0)).toBeNull();
  });
});
