/**
 * Waveform peaks for recordings the import worker could not read. The worker computes the
 * peaks of WAV narration itself (shared/audio/wav.ts, in the archive reader); compressed audio
 * (ogg, mp3, webm…) needs the browser's decoder, and Web Audio does not exist in workers. So
 * once the worker has stored a session whose audio still has no peaks, the import client
 * decodes the recording here, on the main thread, and stores the peaks before it reports the
 * import done: opening the session never decodes.
 *
 * All writes happen in one transaction at the end. A recording that cannot be decoded leaves
 * its session exactly as the worker stored it (no peaks; it still imports) and adds a
 * warning naming the file to the import report.
 */
import { PEAK_PAIRS, peakSteps } from '../../../shared/audio/peaks';
import { resolveLimits, type ImportLimits } from '../../../shared/import/limits';
import type { ImportReport, Problem } from '../../../shared/import/types';
import type { BatonDB } from '../db/schema';
import { rowArrayBuffer } from '../db/blob-rows';
import type { ImportOutcome } from './engine';

/** Decodes a recording into one array per channel (any sample rate: only peaks are taken). */
export type AudioDecoder = (bytes: ArrayBuffer, durationMs: number) => Promise<Float32Array[]>;

/** Largest decoded length per channel (2^24 floats, 64 MiB): long recordings decode at a lower rate. */
const MAX_DECODED_FRAMES = 1 << 24;
/** Frames scanned between turns of the event loop while peaks are computed. */
const FRAMES_PER_TURN = 1 << 19;

/**
 * The browser's decoder, through an OfflineAudioContext whose rate keeps an hour of audio
 * to about 115 MB per channel (8 kHz: speech keeps its shape, and nothing is played).
 */
export const webAudioDecoder: AudioDecoder = async (bytes, durationMs) => {
  const seconds = Math.max(1, durationMs / 1000);
  const rate = Math.max(8000, Math.min(48_000, Math.floor(MAX_DECODED_FRAMES / seconds)));
  const ctx = new OfflineAudioContext(1, 1, rate);
  const buf = await ctx.decodeAudioData(bytes);
  return Array.from({ length: buf.numberOfChannels }, (_, i) => buf.getChannelData(i));
};

async function peaksYielding(channels: Float32Array[]): Promise<number[]> {
  const steps = peakSteps(channels, PEAK_PAIRS, FRAMES_PER_TURN);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

function describe(e: unknown): string {
  const err = e as { name?: string; message?: string } | null;
  const msg = err?.message?.trim();
  if (msg) return msg.replace(/\.$/, '');
  return err?.name ?? String(e);
}

/** The report with more problems, keeping to the listed-problem limit like the pipeline does. */
function withProblems(report: ImportReport, added: Problem[], maxListed: number): ImportReport {
  const problems = [...report.problems];
  let omitted = report.problemsOmitted;
  for (const p of added) {
    if (problems.length < maxListed) problems.push(p);
    else omitted++;
  }
  return { ...report, problems, problemsOmitted: omitted };
}

/**
 * Decodes and stores peaks for every session of this import whose audio has none. Returns
 * the outcome with the report as stored (with a warning per recording that failed).
 */
export async function addMissingPeaks(database: BatonDB, outcome: ImportOutcome, decode: AudioDecoder = webAudioDecoder, limits?: Partial<ImportLimits>): Promise<ImportOutcome> {
  const { report } = outcome;
  if (report.status !== 'imported') return outcome;
  const found: { sid: string; blob: string; peaks: number[] }[] = [];
  const failed: { sid: string; problem: Problem }[] = [];
  for (const s of report.sessions) {
    // Only sessions stored with a track and no peaks: no read per session of every other import (a folder of hundreds).
    if (s.status !== 'stored' || !s.audioWithoutPeaks) continue;
    const audio = (await database.sessions.get(s.id))?.meta.audio;
    if (!audio || audio.peaks?.length) continue;
    const stored = await database.blobs.get([s.id, audio.blob.blob]);
    if (!stored) continue; // the reader drops a track whose recording is missing
    try {
      const channels = await decode(await rowArrayBuffer(stored), audio.durationMs);
      const peaks = await peaksYielding(channels);
      if (peaks.length === 0) throw new Error('it holds no samples');
      found.push({ sid: s.id, blob: audio.blob.blob, peaks });
    } catch (e) {
      // The reader already warned about this recording (a damaged WAV the browser could not
      // rescue either): one warning per file is enough.
      if (report.problems.some((p) => p.file === `${report.file}:${audio.blob.blob}`)) continue;
      failed.push({
        sid: s.id,
        problem: {
          file: `${report.file}:${audio.blob.blob}`,
          severity: 'warning',
          reason: `the audio could not be decoded (${describe(e)}); the session was imported without its waveform`,
        },
      });
    }
  }
  if (found.length === 0 && failed.length === 0) return outcome;
  const next = failed.length ? withProblems(report, failed.map((f) => f.problem), resolveLimits(limits).maxReportedProblems) : report;
  await database.transaction('rw', [database.sessions, database.reports], async () => {
    for (const f of found) {
      await database.sessions
        .where('id')
        .equals(f.sid)
        .modify((row) => {
          if (row.meta.audio?.blob.blob === f.blob) row.meta.audio.peaks = f.peaks;
        });
    }
    for (const f of failed) {
      await database.sessions
        .where('id')
        .equals(f.sid)
        .modify((row) => {
          row.problemCount += 1;
        });
    }
    if (failed.length) await database.reports.update(outcome.reportId, { report: next });
  });
  return { ...outcome, report: next };
}
