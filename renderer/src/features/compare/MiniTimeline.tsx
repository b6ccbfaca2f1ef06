/**
 * A pane's mini timeline: the whole session in one strip, the candidate's prompts as tall
 * marks and their other acts as short ones, failed commands and tests in red, and the
 * playhead. Drawn once per size; a seek only moves the playhead (no React render). Click to seek.
 */
import { useEffect, useRef } from 'react';
import type { SessionEvent } from '../../../../shared/model/schema';
import type { ReplayClock } from '../replay/clock';
import type { LoadedSession } from '../replay/types';
import { seekOnClick, usePlayhead } from './playhead';

const HEIGHT = 26;

function failed(e: SessionEvent): boolean {
  return (e.kind === 'command' && typeof e.exitCode === 'number' && e.exitCode !== 0) || (e.kind === 'test_run' && e.failed > 0);
}

function draw(canvas: HTMLCanvasElement, session: LoadedSession, duration: number): void {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  canvas.width = Math.max(1, Math.round(w * dpr));
  canvas.height = HEIGHT * dpr;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.scale(dpr, dpr);
  const css = getComputedStyle(canvas);
  const color = (v: string, fallback: string) => css.getPropertyValue(v).trim() || fallback;
  ctx.fillStyle = color('--surface-2', '#f0f2f5');
  ctx.fillRect(0, 0, w, HEIGHT);
  const x = (t: number) => Math.round((t / duration) * (w - 1)) + 0.5;
  // One pass per colour; marks that fall on the same pixel are drawn once.
  const passes: [string, (e: SessionEvent) => boolean, number, number][] = [
    [color('--agent', '#1f6fb2'), (e) => e.actor === 'agent', HEIGHT - 6, 6],
    [color('--candidate', '#7a3fd1'), (e) => e.actor === 'candidate' && e.kind !== 'prompt', HEIGHT - 14, 14],
    [color('--danger', '#b42318'), failed, 0, 8],
    [color('--candidate', '#7a3fd1'), (e) => e.actor === 'candidate' && e.kind === 'prompt', 0, HEIGHT],
  ];
  for (const [fill, pick, y, h] of passes) {
    ctx.strokeStyle = fill;
    ctx.lineWidth = 1;
    ctx.beginPath();
    let last = -1;
    for (const e of session.events) {
      if (!pick(e)) continue;
      const px = x(e.t);
      if (px === last) continue;
      last = px;
      ctx.moveTo(px, y);
      ctx.lineTo(px, y + h);
    }
    ctx.stroke();
  }
}

export function MiniTimeline({ session, clock }: { session: LoadedSession; clock: ReplayClock }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const duration = Math.max(1, clock.get().duration);
  const headRef = usePlayhead(clock, duration);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ro = new ResizeObserver(() => draw(canvas, session, duration));
    ro.observe(canvas);
    return () => ro.disconnect();
  }, [session, duration]);

  return (
    <div
      className="mini-timeline"
      data-testid="mini-timeline"
      title="Click to seek every pane to this moment of this session"
      onClick={seekOnClick(clock, duration)}
    >
      <canvas ref={canvasRef} style={{ height: HEIGHT }} aria-hidden />
      <div className="mini-playhead" ref={headRef} aria-hidden />
    </div>
  );
}
