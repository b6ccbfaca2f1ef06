/**
 * The think-aloud narration: a wavesurfer.js waveform with the transcript segments as
 * regions, the segment being spoken as a caption, and the audio as the clock's driver while
 * it plays (see audio-sync.ts). Peaks are stored with the session: from the archive, or
 * computed once at import (renderer/src/import/audio-peaks.ts), so opening never decodes the
 * recording. Only a session imported before peaks were computed at import has none; its
 * recording is decoded once here and the peaks are stored, so the next open is instant.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.esm.js';
import { computePeaks, PEAK_PAIRS } from '../../../../../shared/audio/peaks';
import type { SessionEvent } from '../../../../../shared/model/schema';
import { db } from '../../../db/schema';
import { formatClock } from '../../session/summary';
import { useClock } from '../clock';
import type { PaneProps } from '../types';
import { AudioSync } from './audio-sync';

type Narration = Extract<SessionEvent, { kind: 'narration' }>;

function cssVar(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

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

export function AudioStrip({ session, clock }: PaneProps) {
  const audio = session.meta.audio;
  const hostRef = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'missing' | 'error'>('loading');
  const [peaksSource, setPeaksSource] = useState<PeaksSource | undefined>(undefined);
  /** Set once wavesurfer has drawn the whole waveform (tests and the audio benchmark wait for it). */
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

  useEffect(() => {
    const host = hostRef.current;
    if (!audio || !host) return;
    let live = true;
    let ws: WaveSurfer | null = null;
    let url = '';
    let unsub = () => {};
    void (async () => {
      const blob = await session.loadBlob(audio.blob.blob);
      if (!live) return;
      if (!blob) return setStatus('missing');
      const typed = blob.type ? blob : new Blob([blob], { type: audio.blob.mime });
      let peaks: number[];
      try {
        const got = await peaksFor(session.row.id, typed, audio.peaks);
        peaks = got.peaks;
        if (live) setPeaksSource(got.source);
      } catch {
        if (live) setStatus('error');
        return;
      }
      if (!live) return;
      url = URL.createObjectURL(typed);
      const regions = RegionsPlugin.create();
      ws = WaveSurfer.create({
        container: host,
        height: 52,
        url,
        peaks: [peaks],
        duration: audio.durationMs / 1000,
        waveColor: cssVar(host, '--muted', '#5b6470'),
        progressColor: cssVar(host, '--ok', '#127a3e'),
        cursorColor: cssVar(host, '--danger', '#b42318'),
        cursorWidth: 2,
        normalize: true,
        barWidth: 2,
        barGap: 1,
        barRadius: 1,
        interact: true,
        dragToSeek: true,
        hideScrollbar: true,
        autoScroll: false,
        plugins: [regions],
      });
      const media = ws.getMediaElement();
      if (!media) return setStatus('error');
      mediaRef.current = media;
      media.preload = 'auto';
      const sync = new AudioSync(media, audio.offsetMs, audio.durationMs);
      clock.setDriver(sync);
      unsub = clock.subscribe((s) => sync.sync(s));
      const offset = audio.offsetMs;
      ws.on('interaction', (sec) => clock.seek(offset + sec * 1000));
      ws.on('ready', () => {
        if (!live) return;
        // Translucent, so the waveform shows through the spoken segments.
        const tint = matchMedia('(prefers-color-scheme: dark)').matches ? 'rgba(95, 211, 148, 0.16)' : 'rgba(18, 122, 62, 0.13)';
        for (const n of narration) {
          const start = (n.t - offset) / 1000;
          const end = (n.endT - offset) / 1000;
          if (end <= 0 || start >= audio.durationMs / 1000) continue;
          regions.addRegion({ start: Math.max(0, start), end, color: tint, drag: false, resize: false, id: n.id });
        }
        setStatus('ready');
      });
      regions.on('region-clicked', (r, e) => {
        e.stopPropagation();
        clock.seek(offset + r.start * 1000);
      });
      ws.once('redrawcomplete', () => live && setDrawn(true));
      ws.on('error', () => live && setStatus('error'));
    })();
    return () => {
      live = false;
      unsub();
      clock.setDriver(null);
      ws?.destroy();
      mediaRef.current = null;
      if (url) URL.revokeObjectURL(url);
    };
  }, [audio, clock, narration, session]);

  useEffect(() => {
    if (mediaRef.current) mediaRef.current.muted = muted;
  }, [muted, status]);

  if (!audio) return null;
  const seg = segment >= 0 ? narration[segment] : undefined;
  return (
    <div className="audio-strip" data-testid="audio-strip" data-status={status} data-peaks={peaksSource} data-drawn={drawn || undefined}>
      <button className="btn small" onClick={() => setMuted((m) => !m)} aria-pressed={muted} aria-label={muted ? 'Unmute narration' : 'Mute narration'} title="Narration audio plays along up to 4×">
        {muted ? 'Muted' : 'Sound on'}
      </button>
      <div className="audio-wave" ref={hostRef} data-testid="audio-wave" aria-label="Narration waveform: click to seek" role="group">
        {status === 'missing' && <span className="muted small">The recording is missing from this session.</span>}
        {status === 'error' && <span className="muted small">This recording could not be decoded.</span>}
      </div>
      <div className="audio-caption" data-testid="audio-caption" aria-live="polite">
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
