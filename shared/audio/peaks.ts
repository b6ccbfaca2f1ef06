/**
 * Waveform peaks: the min/max of each of a fixed number of equal stretches of a recording,
 * flattened (min0, max0, min1, max1, …). A session stores them with its audio track, so a
 * long recording draws at once instead of being decoded every time it opens.
 */

/** Peak pairs stored per recording: far more than a waveform strip has pixels. */
export const PEAK_PAIRS = 2000;

/** Three decimals, clamped to [-1, 1] (float recordings may overshoot), never -0. */
function round3(x: number): number {
  return Math.round(Math.max(-1, Math.min(1, x)) * 1000) / 1000 || 0;
}

/**
 * Collects peaks while frames arrive in order, for decoders that never hold the whole signal.
 * Bucket p covers frames [⌊p·n/pairs⌋, ⌊(p+1)·n/pairs⌋), the last one up to n. The caller
 * scans frames up to `edge`, then calls `close` with that bucket's min and max (each starting
 * from 0, so silence gives 0, 0). With fewer frames than pairs, every frame is its own bucket
 * and `finish` spreads them over the pairs (bucket p shows frame ⌊p·n/pairs⌋).
 */
export class PeakBins {
  private readonly out: number[] = [];
  private readonly buckets: number;
  private readonly per: number;
  private bucket = 0;
  readonly pairs: number;
  /** Frame index (exclusive) where the current bucket ends; `frames` once all are closed. */
  edge: number;

  constructor(
    readonly frames: number,
    pairs: number,
  ) {
    if (!Number.isInteger(frames) || frames < 0) throw new RangeError(`frames must be a non-negative integer, got ${frames}`);
    this.pairs = Math.max(0, Math.floor(pairs));
    this.buckets = Math.min(this.pairs, frames);
    this.per = this.buckets > 0 ? frames / this.buckets : 0;
    this.edge = this.edgeOf(0, 0);
  }

  get done(): boolean {
    return this.bucket >= this.buckets;
  }

  private edgeOf(bucket: number, start: number): number {
    if (bucket >= this.buckets - 1) return this.frames;
    return Math.min(this.frames, Math.max(start + 1, Math.floor((bucket + 1) * this.per)));
  }

  /** Ends the current bucket with the min and max of its frames. */
  close(lo: number, hi: number): void {
    if (this.done) throw new Error('every peak bucket is already closed');
    this.out.push(round3(lo), round3(hi));
    this.bucket++;
    this.edge = this.done ? this.frames : this.edgeOf(this.bucket, this.edge);
  }

  /** The peaks, once every bucket is closed. */
  finish(): number[] {
    if (!this.done) throw new Error(`only ${this.bucket} of ${this.buckets} peak buckets were filled`);
    if (this.buckets === 0 || this.buckets === this.pairs) return this.out;
    const out: number[] = new Array(this.pairs * 2);
    const per = this.frames / this.pairs;
    for (let p = 0; p < this.pairs; p++) {
      const f = Math.floor(p * per);
      out[2 * p] = this.out[2 * f]!;
      out[2 * p + 1] = this.out[2 * f + 1]!;
    }
    return out;
  }
}

/**
 * Peaks of decoded channel data, yielding after roughly every `framesPerStep` frames so a
 * caller on a UI thread can give the event loop a turn; returns the peaks.
 */
export function* peakSteps(channels: readonly Float32Array[], pairs: number, framesPerStep = 1 << 20): Generator<void, number[]> {
  const n = channels.length ? Math.min(...channels.map((c) => c.length)) : 0;
  const bins = new PeakBins(n, pairs);
  let start = 0;
  let sinceYield = 0;
  while (!bins.done) {
    const end = bins.edge;
    let lo = 0;
    let hi = 0;
    for (const ch of channels) {
      for (let i = start; i < end; i++) {
        const v = ch[i]!;
        if (v < lo) lo = v;
        else if (v > hi) hi = v;
      }
    }
    bins.close(lo, hi);
    sinceYield += end - start;
    start = end;
    if (sinceYield >= framesPerStep && !bins.done) {
      sinceYield = 0;
      yield;
    }
  }
  return bins.finish();
}

/** Peaks of decoded channel data (min/max across channels per bucket). */
export function computePeaks(channels: readonly Float32Array[], pairs: number): number[] {
  const steps = peakSteps(channels, pairs, Infinity);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
