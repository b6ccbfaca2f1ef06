/**
 * The think-aloud narration: its waveform drawn by wavesurfer.js on the timeline's own time
 * axis (the same x for the same moment, zoomed and panned with it: wavesurfer's zoom is the
 * timeline's pixels per second, its scroll the timeline's window), the spoken segments marked on it, the
 * segment being spoken as a caption below, and the audio as the clock's driver while it plays
 * (see audio-sync.ts). Peaks are stored with the session: from the archive, or computed once
 * at import (renderer/src/import/audio-peaks.ts), so opening never decodes the recording.
 * Only a session imported before peaks were computed at import has none; its recording is
 * decoded once here and the peaks are stored, so the next open is instant.
 */
import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import WaveSurfer from 'wavesurfer.js';
import { computePeaks, PEAK_PAIRS } from '../../../../../shared/audio/peaks';
import type { SessionEvent } from '../../../../../shared/model/schema';
import { db } from '../../../db/schema';
import { formatClock } from '../../session/summary';
import { useClock } from '../clock';
import type { AxisBus, AxisState } from '../timeline/axis-bus';
import type { PaneProps } from '../types';
import { AudioSync } from './audio-sync';
import { timeAtX, wavePlacement, xAtTime } from './wave-draw';

type Narration = Extract<SessionEvent, { kind: 'narration' }>;

/** Where the waveform's peaks came from: stored with the session, or decoded at this open. */
type PeaksSource = 'stored' | 'decoded';

async function peaksFor(rowId: string, blob: Blob, stored: number[] | undefined): Promise<{ peaks: number[]; source: PeaksSource }> {
  if (stored && stored.length > 0) return { peaks: stored, source: 'stored' };
  const ctx = new AudioContext();
  try {
    const buf = await ctx.decodeAudioData(await blob.arrayBuffer());
    const channels = Array.from({ length: buf.numberOfChannels }, (_, i) => buf.getChannelData(i));
    const peaks = computePeaks(channels, PEAK_PAIRS);
    // Stored with the session: decoding happens once per recording, not on every open.
    await db().sessions.where('id').equals(rowId).modify((row) => {
      if (row.meta.audio) row.meta.audio.peaks = peaks;
    });
    return { peaks, source: 'decoded' };
  } finally {
    void ctx.close();
  }
}

/** The axis in this strip's own pixels: the timeline's plot, shifted by the two elements' offset. */
function localAxis(axis: AxisState, host: HTMLElement): AxisState {
  const dx = axis.el.getBoundingClientRect().left - host.getBoundingClientRect().left;
  return { ...axis, plotX: axis.plotX + dx };
}

export function AudioStrip({ session, clock, axisBus }: PaneProps & { axisBus: AxisBus }) {
  const audio = session.meta.audio;
  const hostRef = useRef<HTMLDivElement>(null);
  /** wavesurfer's container: placed over the part of the plot the recording covers. */
  const waveRef = useRef<HTMLDivElement>(null);
  const [ws, setWs] = useState<WaveSurfer | null>(null);
  const cursorRef = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'missing' | 'error'>('loading');
  const [peaksSource, setPeaksSource] = useState<PeaksSource | undefined>(undefined);
  /** The axis in this strip's pixels, as last drawn (segments are placed with it). */
  const [axis, setAxis] = useState<AxisState | null>(null);
  /** Set once the whole waveform has been drawn (tests and the audio benchmark wait for it). */
  const [drawn, setDrawn] = useState(false);
  const [muted, setMuted] = useState(false);
  const mediaRef = useRef<HTMLMediaElement | null>(null);
  const narration = useMemo(() => session.events.filter((e): e is Narration => e.kind === 'narration'), [session]);
  const starts = useMemo(() => Float64Array.from(narration.map((n) => n.t)), [narration]);
  const segment = useClock(clock, (s) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= s.t) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    return i >= 0 && narration[i]!.endT >= s.t ? i : -1;
  });

  // The recording: peaks (stored, or decoded once), and a media element that drives the clock.
  useEffect(() => {
    if (!audio) return;
    let live = true;
    let url = '';
    let unsub = () => {};
    let media: HTMLAudioElement | null = null;
    let wave: WaveSurfer | null = null;
    void (async () => {
      const blob = await session.loadBlob(audio.blob.blob);
      if (!live) return;
      if (!blob) return setStatus('missing');
      const typed = blob.type ? blob : new Blob([blob], { type: audio.blob.mime });
      let peaks: number[];
      try {
        const got = await peaksFor(session.row.id, typed, audio.peaks);
        if (!live) return;
        setPeaksSource(got.source);
        peaks = got.peaks;
      } catch {
        if (live) setStatus('error');
        return;
      }
      url = URL.createObjectURL(typed);
      media = new Audio();
      media.preload = 'auto';
      media.src = url;
      mediaRef.current = media;
      // The waveform from the stored peaks (min/max pairs as one channel): nothing is fetched or decoded.
      const container = waveRef.current;
      if (container) {
        const style = getComputedStyle(container);
        const color = style.getPropertyValue('--muted').trim() || '#5b6470';
        wave = WaveSurfer.create({ container, media, peaks: [Float32Array.from(peaks)], duration: audio.durationMs / 1000, height: container.clientHeight || 46, waveColor: color, progressColor: color, cursorWidth: 0, barWidth: 2, barGap: 1, normalize: true, interact: false, autoScroll: false, autoCenter: false, hideScrollbar: true, fillParent: false, minPxPerSec: 1 });
        wave.once('decode', () => live && setWs(wave));
      }
      const sync = new AudioSync(media, audio.offsetMs, audio.durationMs);
      clock.setDriver(sync);
      unsub = clock.subscribe((s) => sync.sync(s));
      media.addEventListener('loadedmetadata', () => live && setStatus('ready'), { once: true });
      media.addEventListener('error', () => live && setStatus('error'), { once: true });
    })();
    return () => {
      live = false;
      unsub();
      clock.setDriver(null);
      wave?.destroy();
      setWs(null);
      media?.pause();
      mediaRef.current = null;
      if (url) URL.revokeObjectURL(url);
    };
  }, [audio, clock, session]);

  // Place the waveform on the timeline's axis: whenever it moves (zoom, pan, follow) or this strip resizes.
  useEffect(() => {
    const host = hostRef.current;
    const box = waveRef.current;
    if (!audio || !host || !box || !ws) return;
    let raf = 0;
    let pxPerSec = 0;
    const place = () => {
      raf = 0;
      const a = axisBus.get();
      if (!a) return;
      const local = localAxis(a, host);
      const p = wavePlacement(local, audio.offsetMs, audio.durationMs);
      box.style.display = p ? '' : 'none';
      if (p) {
        box.style.left = `${p.left}px`;
        box.style.width = `${p.width}px`;
        // Zoom re-renders, so only when the scale changes; the scroll follows every pan.
        if (Math.abs(p.pxPerSec - pxPerSec) > 1e-9 * p.pxPerSec) ws.zoom((pxPerSec = p.pxPerSec));
        ws.setScrollTime(p.scrollSec);
        box.dataset.pxPerSec = String(p.pxPerSec);
        box.dataset.scrollSec = String(p.scrollSec);
      }
      setAxis(local);
      setDrawn(true);
    };
    const later = () => {
      if (!raf) raf = requestAnimationFrame(place);
    };
    const unsub = axisBus.subscribe(place);
    const ro = new ResizeObserver(later);
    ro.observe(host);
    place();
    return () => {
      unsub();
      ro.disconnect();
      cancelAnimationFrame(raf);
    };
  }, [audio, axisBus, ws]);

  // The playhead on the waveform, moved without a React render.
  useEffect(() => {
    const cursor = cursorRef.current;
    if (!cursor || !axis) return;
    const place = (t: number) => {
      const x = xAtTime(axis, t);
      const inside = x >= axis.plotX && x <= axis.plotX + axis.plotW;
      cursor.style.display = inside ? '' : 'none';
      cursor.style.transform = `translateX(${x - 1}px)`;
    };
    place(clock.get().t);
    return clock.subscribe((s) => place(s.t));
  }, [axis, clock]);

  useEffect(() => {
    if (mediaRef.current) mediaRef.current.muted = muted;
  }, [muted, status]);

  if (!audio) return null;
  const seg = segment >= 0 ? narration[segment] : undefined;
  /** Click or drag on the waveform: the clock goes to that moment (the same moment as on the timeline above). */
  const seekAt = (e: ReactPointerEvent<HTMLDivElement>) => {
    const host = hostRef.current;
    if (!axis || !host) return;
    const x = e.clientX - host.getBoundingClientRect().left;
    if (x < axis.plotX || x > axis.plotX + axis.plotW) return;
    clock.seek(Math.min(Math.max(timeAtX(axis, x), 0), clock.get().duration));
  };
  const plotLeft = axis ? axis.plotX : 0;
  return (
    <div className="audio-strip" data-testid="audio-strip" data-status={status} data-peaks={peaksSource} data-drawn={drawn || undefined}>
      <div
        className="audio-wave"
        ref={hostRef}
        data-testid="audio-wave"
        aria-label="Narration waveform: click to seek"
        role="group"
        onPointerDown={(e) => {
          if ((e.target as HTMLElement).closest('button')) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          seekAt(e);
        }}
        onPointerMove={(e) => {
          if (e.buttons === 1) seekAt(e);
        }}
      >
        <div className="wave-plot" ref={waveRef} data-testid="wave-plot" data-span={`${audio.offsetMs} ${audio.durationMs}`} aria-hidden="true" />
        {axis &&
          narration.map((n) => {
            const x0 = Math.max(axis.plotX, xAtTime(axis, n.t));
            const x1 = Math.min(axis.plotX + axis.plotW, xAtTime(axis, n.endT));
            if (x1 <= x0) return null;
            return <div key={n.id} className="wave-seg" data-testid="wave-segment" data-event-id={n.id} style={{ left: x0, width: x1 - x0 }} title={n.text} />;
          })}
        <div className="wave-cursor" ref={cursorRef} aria-hidden="true" />
        <button
          className="btn small wave-mute"
          onClick={() => setMuted((m) => !m)}
          aria-pressed={muted}
          aria-label={muted ? 'Unmute narration' : 'Mute narration'}
          title="Narration audio plays along up to 4×"
        >
          {muted ? 'Muted' : 'Sound on'}
        </button>
        {status === 'missing' && <span className="muted small wave-note" style={{ left: plotLeft }}>The recording is missing from this session.</span>}
        {status === 'error' && <span className="muted small wave-note" style={{ left: plotLeft }}>This recording could not be decoded.</span>}
      </div>
      <div className="audio-caption" data-testid="audio-caption" aria-live="polite" style={{ paddingLeft: plotLeft }}>
        {seg ? (
          <>
            <span className="muted small">{formatClock(seg.t)}</span> {seg.text}
          </>
        ) : (
          <span className="muted small">{narration.length ? 'Not speaking' : 'No transcript'}</span>
        )}
      </div>
    </div>
  );
}
