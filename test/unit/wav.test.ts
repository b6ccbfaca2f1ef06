import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePeaks } from '../../shared/audio/peaks';
import { decodeWav, looksLikeWav, readWavFormat, WavError, WavPeakReader, wavPeaks, type WavErrorKind } from '../../shared/audio/wav';
import { chunk, encodeWav, fmtChunk, lcg, listInfo, longNarrationWav, narrationSignal, quantize, riff, sampleBytes, type WavSampleFormat } from '../fixtures/wav';

const FORMATS: WavSampleFormat[] = ['u8', 's16', 's24', 's32', 'f32'];

function signal(n: number, seed: number, amp = 0.9): Float32Array {
  const rand = lcg(seed);
  return Float32Array.from({ length: n }, (_, i) => amp * Math.sin(i / (5 + seed)) * (0.5 + rand() / 2));
}

/** Pushes the bytes in pieces cut at the given sizes (cycled). */
function streamed(bytes: Uint8Array, sizes: number[], pairs = 2000) {
  const r = new WavPeakReader(pairs);
  let o = 0;
  let k = 0;
  while (o < bytes.byteLength) {
    const n = Math.max(1, sizes[k++ % sizes.length]!);
    r.push(bytes.subarray(o, o + n));
    o += n;
  }
  return r.end();
}

function wavError(f: () => unknown): WavError {
  try {
    f();
  } catch (e) {
    if (e instanceof WavError) return e;
    throw e;
  }
  throw new Error('expected a WavError');
}

function expectWavError(bytes: Uint8Array, kind: WavErrorKind, message: RegExp) {
  const e = wavError(() => wavPeaks(bytes));
  expect(e.kind).toBe(kind);
  expect(e.message).toMatch(message);
  // The streaming reader says the same, however the bytes arrive.
  const s = wavError(() => streamed(bytes, [1, 3, 7]));
  expect(s.message).toBe(e.message);
}

describe('WAV decoding', () => {
  it.each(FORMATS.flatMap((f) => [1, 2, 5].map((c) => [f, c] as const)))('%s, %i channel(s): samples decode to their stored values', (format, nch) => {
    const chans = Array.from({ length: nch }, (_, c) => signal(1001, c + 1));
    const bytes = encodeWav({ sampleRate: 22_050, channels: chans, format });
    const { format: fmt, channels } = decodeWav(bytes);
    expect(fmt).toMatchObject({ channels: nch, sampleRate: 22_050, frames: 1001, encoding: format === 'f32' ? 'float' : 'pcm', bitsPerSample: format === 'u8' ? 8 : format === 's16' ? 16 : format === 's24' ? 24 : 32 });
    expect(fmt.durationMs).toBeCloseTo((1001 / 22_050) * 1000, 6);
    for (let c = 0; c < nch; c++) {
      for (let i = 0; i < 1001; i++) expect(channels[c]![i]).toBeCloseTo(quantize(chans[c]![i]!, format), 6);
    }
  });

  it.each(FORMATS)('%s: streaming peaks equal the peaks of the decoded signal', (format) => {
    const chans = [signal(48_000, 4), signal(48_000, 9, 0.4)];
    const bytes = encodeWav({ sampleRate: 48_000, channels: chans, format });
    const expected = computePeaks(decodeWav(bytes).channels, 2000);
    expect(wavPeaks(bytes).peaks).toEqual(expected);
    expect(wavPeaks(bytes, 37).peaks).toEqual(computePeaks(decodeWav(bytes).channels, 37));
  });

  it('reads WAVE_FORMAT_EXTENSIBLE headers (PCM and float)', () => {
    for (const format of ['s24', 'f32'] as const) {
      const chans = [signal(500, 2), signal(500, 3)];
      const bytes = encodeWav({ sampleRate: 44_100, channels: chans, format, extensible: true });
      const { format: fmt, channels } = decodeWav(bytes);
      expect(fmt.formatTag).toBe(0xfffe);
      expect(fmt.encoding).toBe(format === 'f32' ? 'float' : 'pcm');
      expect(channels[1]![77]).toBeCloseTo(quantize(chans[1]![77]!, format), 6);
      expect(wavPeaks(bytes).peaks).toEqual(computePeaks(channels, 2000));
    }
  });

  it('gives the same result whatever sizes the bytes arrive in', () => {
    const bytes = encodeWav({ sampleRate: 16_000, channels: [signal(9_999, 5), signal(9_999, 6)], format: 's24', before: [listInfo('odd')], between: [listInfo('x')] });
    const whole = wavPeaks(bytes);
    for (const sizes of [[1], [2], [3], [5, 1, 8], [4096], [bytes.byteLength]]) expect(streamed(bytes, sizes)).toEqual(whole);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 20 }), (sizes) => {
        expect(streamed(bytes, sizes)).toEqual(whole);
      }),
      { numRuns: 50 },
    );
  });

  it('skips LIST and other chunks before, between and after, with and without pad bytes', () => {
    const chans = [signal(3001, 8)];
    const plain = wavPeaks(encodeWav({ sampleRate: 8000, channels: chans, format: 's16' }));
    const odd = { id: 'junk', data: new Uint8Array([1, 2, 3]) };
    const variants = [
      encodeWav({ sampleRate: 8000, channels: chans, format: 's16', before: [listInfo('Title')], between: [listInfo('abc'), odd], after: [listInfo('tail')] }),
      // A writer that forgot the pad byte after odd-sized chunks.
      encodeWav({ sampleRate: 8000, channels: chans, format: 's16', before: [{ ...listInfo('Title'), noPad: true }], between: [{ ...odd, noPad: true }] }),
      // An empty chunk, and a pad byte that is not zero.
      riff([chunk('fact', new Uint8Array(0)), fmtChunk('s16', 1, 8000), chunk('bext', new Uint8Array([9]), false), new Uint8Array([0x80]), chunk('data', sampleBytes(chans, 's16'))]),
    ];
    for (const v of variants) {
      expect(looksLikeWav(v)).toBe(true);
      const got = wavPeaks(v);
      expect(got.peaks).toEqual(plain.peaks);
      expect(got.format.frames).toBe(3001);
    }
  });

  it('an odd-sized data chunk (8-bit mono) followed by its pad byte and a LIST chunk', () => {
    const chans = [signal(2001, 1)];
    const bytes = encodeWav({ sampleRate: 8000, channels: chans, format: 'u8', after: [listInfo('after')] });
    expect(bytes.byteLength % 2).toBe(0);
    const { format, peaks } = wavPeaks(bytes);
    expect(format.frames).toBe(2001);
    expect(peaks).toEqual(computePeaks(decodeWav(bytes).channels, 2000));
  });

  it('ignores a trailing partial frame and a RIFF size that is wrong', () => {
    const body = sampleBytes([signal(100, 1), signal(100, 2)], 's16');
    const partial = new Uint8Array(body.byteLength + 3);
    partial.set(body);
    const bytes = riff([fmtChunk('s16', 2, 8000), chunk('data', partial)]);
    new DataView(bytes.buffer).setUint32(4, 0xffffffff, true);
    const { format } = wavPeaks(bytes);
    expect(format.frames).toBe(100);
    expect(format.dataBytes).toBe(body.byteLength + 3);
  });

  it('silence gives zero peaks; fewer frames than pairs are spread; no frames give no peaks', () => {
    expect(new Set(wavPeaks(encodeWav({ sampleRate: 8000, channels: [new Float32Array(80_000)], format: 's16' })).peaks)).toEqual(new Set([0]));
    const short = encodeWav({ sampleRate: 8000, channels: [Float32Array.from([0.5, -0.25, 1])], format: 'f32' });
    const p = wavPeaks(short, 6).peaks;
    expect(p).toEqual([0, 0.5, 0, 0.5, -0.25, 0, -0.25, 0, 0, 1, 0, 1]);
    const empty = wavPeaks(encodeWav({ sampleRate: 8000, channels: [new Float32Array(0)], format: 's16' }));
    expect(empty.peaks).toEqual([]);
    expect(empty.format.frames).toBe(0);
  });

  it('peaks follow the signal: silent stretches are flat, bursts reach their amplitude', () => {
    const sr = 8000;
    const x = narrationSignal(60, sr);
    const bytes = encodeWav({ sampleRate: sr, channels: [x], format: 's16' });
    const { peaks, format } = wavPeaks(bytes, 60);
    expect(format.durationMs).toBe(60_000);
    // 60 buckets of 1 s; bursts of 4 s, every third one silent (noise ±0.01).
    for (let p = 0; p < 60; p++) {
      const silent = Math.floor(p / 4) % 3 === 2;
      const hi = peaks[2 * p + 1]!;
      if (silent) expect(hi).toBeLessThanOrEqual(0.011);
      else expect(hi).toBeGreaterThan(0.2);
    }
  });

  it('the long-recording generator writes a valid file without building the signal', () => {
    const bytes = longNarrationWav(30, 8000);
    const { format, peaks } = wavPeaks(bytes);
    expect(format).toMatchObject({ channels: 1, sampleRate: 8000, frames: 240_000, durationMs: 30_000 });
    expect(peaks).toEqual(computePeaks(decodeWav(bytes).channels, 2000));
    expect(peaks).toEqual(wavPeaks(encodeWav({ sampleRate: 8000, channels: [narrationSignal(30, 8000)], format: 's16' })).peaks);
  });
});

describe('WAV errors', () => {
  const good = encodeWav({ sampleRate: 8000, channels: [signal(1000, 1)], format: 's16' });
  const fmt = (f: (dv: DataView) => void) => {
    const c = fmtChunk('s16', 1, 8000);
    f(new DataView(c.buffer, 8));
    return riff([c, chunk('data', new Uint8Array(200))]);
  };

  it('not a WAV file at all', () => {
    expectWavError(new Uint8Array(0), 'not-wav', /the file is empty/);
    expectWavError(new TextEncoder().encode('just some text, not audio at all'), 'not-wav', /not a WAV file \(no RIFF\/WAVE header\)/);
    expectWavError(new TextEncoder().encode('OggS'), 'not-wav', /only 4 bytes long, too short for a WAV header/);
    expect(looksLikeWav(new TextEncoder().encode('OggS\0\0\0\0\0\0\0\0'))).toBe(false);
  });

  it('truncated headers', () => {
    expectWavError(good.slice(0, 10), 'truncated', /only 10 bytes long/);
    expectWavError(good.slice(0, 20 + 8), 'truncated', /ends inside its fmt chunk \(8 bytes missing\)/);
    const listFirst = encodeWav({ sampleRate: 8000, channels: [signal(10, 1)], format: 's16', before: [{ id: 'LIST', data: new Uint8Array(1000) }] });
    expectWavError(listFirst.slice(0, 500), 'truncated', /ends inside its "LIST" chunk, before any audio data \(520 bytes missing\)/);
  });

  it('a truncated data chunk is a clear error, in the whole-file and streaming readers and in decodeWav', () => {
    const cut = good.slice(0, good.byteLength - 500);
    expectWavError(cut, 'truncated', /data chunk is truncated: the header declares 2,000 bytes of audio but the file holds 1,500 bytes \(75%\)/);
    expect(wavError(() => decodeWav(cut)).message).toMatch(/declares 2,000 bytes of audio but the file holds 1,500 bytes/);
    expect(wavError(() => readWavFormat(cut)).kind).toBe('truncated');
  });

  it('other RIFF flavours and encodings are unsupported, naming what they are', () => {
    const rifx = good.slice();
    rifx.set([0x52, 0x49, 0x46, 0x58]);
    expectWavError(rifx, 'unsupported', /big-endian WAV \(RIFX\)/);
    const rf64 = good.slice();
    rf64.set([0x52, 0x46, 0x36, 0x34]);
    expectWavError(rf64, 'unsupported', /RF64 WAV/);
    expectWavError(fmt((dv) => dv.setUint16(0, 7, true)), 'unsupported', /encoding µ-law \(0x0007\) is not supported/);
    expectWavError(fmt((dv) => dv.setUint16(0, 0x1234, true)), 'unsupported', /encoding 0x1234 is not supported/);
    expectWavError(fmt((dv) => (dv.setUint16(0, 3, true), dv.setUint16(14, 64, true), dv.setUint16(12, 8, true))), 'unsupported', /64-bit float samples/);
    expectWavError(fmt((dv) => dv.setUint16(14, 12, true)), 'unsupported', /12-bit PCM samples are not supported/);
    expectWavError(fmt((dv) => (dv.setUint16(2, 100, true), dv.setUint16(12, 200, true))), 'unsupported', /100 channels/);
    expectWavError(fmt((dv) => dv.setUint32(4, 5_000_000, true)), 'unsupported', /5,000,000 Hz/);
    const ext = encodeWav({ sampleRate: 8000, channels: [signal(10, 1)], format: 's16', extensible: true });
    ext[12 + 8 + 30] = 0x77; // the GUID's Data3
    expectWavError(ext, 'unsupported', /sub-format is not a standard one/);
  });

  it('contradictory or missing chunks are malformed', () => {
    expectWavError(fmt((dv) => dv.setUint16(2, 0, true)), 'malformed', /declares 0 channels/);
    expectWavError(fmt((dv) => dv.setUint32(4, 0, true)), 'malformed', /sample rate of 0 Hz/);
    expectWavError(fmt((dv) => dv.setUint16(12, 3, true)), 'malformed', /block align is 3 but 1 channel of 16-bit samples take 2 bytes per frame/);
    expectWavError(riff([chunk('fmt ', new Uint8Array(12)), chunk('data', new Uint8Array(4))]), 'malformed', /fmt chunk is 12 bytes long \(at least 16 needed\)/);
    expectWavError(riff([chunk('fmt ', new Uint8Array(100_000))]), 'malformed', /fmt chunk is 100,000 bytes long, not a format description/);
    expectWavError(riff([chunk('data', new Uint8Array(4)), fmtChunk('s16', 1, 8000)]), 'malformed', /data chunk comes before any fmt chunk/);
    expectWavError(riff([fmtChunk('s16', 1, 8000), chunk('LIST', new Uint8Array(4))]), 'malformed', /has no data chunk/);
    expectWavError(riff([chunk('LIST', new Uint8Array(4))]), 'malformed', /has no fmt chunk/);
    expectWavError(riff([fmtChunk('s16', 1, 8000), fmtChunk('s16', 1, 8000), chunk('data', new Uint8Array(4))]), 'malformed', /two fmt chunks/);
    expectWavError(riff([fmtChunk('s16', 1, 8000), new Uint8Array([1, 2, 3, 4, 0, 0, 0, 0]), chunk('data', new Uint8Array(4))]), 'malformed', /chunk header at byte 36 is not valid \(id "\?\?\?\?"\)/);
    const ext = fmtChunk('s16', 1, 8000);
    new DataView(ext.buffer).setUint16(8, 0xfffe, true);
    expectWavError(riff([ext, chunk('data', new Uint8Array(4))]), 'malformed', /WAVE_FORMAT_EXTENSIBLE but is 16 bytes long/);
  });

  it('damaged files only ever fail with a WavError (or read), never with anything else', () => {
    const base = encodeWav({ sampleRate: 8000, channels: [signal(300, 1), signal(300, 2)], format: 's24', before: [listInfo('Title')] });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(base.byteLength - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.nat(base.byteLength),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 5 }),
        (edits, cutAt, sizes) => {
          const bytes = base.slice(0, Math.max(cutAt, 1));
          for (const [i, v] of edits) if (i < bytes.byteLength) bytes[i] = v;
          let whole: unknown;
          try {
            whole = wavPeaks(bytes);
          } catch (e) {
            expect(e).toBeInstanceOf(WavError);
            whole = (e as WavError).message;
          }
          let parts: unknown;
          try {
            parts = streamed(bytes, sizes);
          } catch (e) {
            expect(e).toBeInstanceOf(WavError);
            parts = (e as WavError).message;
          }
          expect(parts).toEqual(whole);
          if (typeof whole !== 'string') {
            const { peaks } = whole as { peaks: number[] };
            expect(peaks.every((v) => Number.isFinite(v) && v >= -1 && v <= 1)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
