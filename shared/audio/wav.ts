/**
 * A defensive reader for WAV (RIFF/WAVE) recordings: integer PCM of 8, 16, 24 or 32 bits and
 * 32-bit float, any number of channels, plain or WAVE_FORMAT_EXTENSIBLE. It walks the chunks
 * (skipping LIST, fact, cue… and tolerating writers that forget the pad byte after an odd-sized
 * chunk) and reads samples straight from the file's bytes.
 *
 * `WavPeakReader` takes the file as a stream of chunks and bins samples into waveform peaks
 * as they pass, so an hour of audio costs its bytes and a few thousand numbers: the signal is
 * never decoded into a Float32Array. `decodeWav` does build the signal, for small files and tests.
 *
 * Everything it cannot read is a `WavError` with one sentence saying why, and a kind:
 * `not-wav` (no RIFF/WAVE header), `unsupported` (a real WAV in an encoding this reader does
 * not handle, such as µ-law or ADPCM: a browser's decoder may still read it), `malformed`
 * (contradictory or missing chunks) or `truncated` (the file ends before its data does).
 */
import { PeakBins, PEAK_PAIRS } from './peaks';

export type WavErrorKind = 'not-wav' | 'unsupported' | 'malformed' | 'truncated';

export class WavError extends Error {
  constructor(
    readonly kind: WavErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'WavError';
  }
}

export interface WavFormat {
  encoding: 'pcm' | 'float';
  /** The fmt chunk's format tag (1 PCM, 3 float, 0xFFFE extensible). */
  formatTag: number;
  channels: number;
  sampleRate: number;
  /** Bits each stored sample takes: 8, 16, 24 or 32. */
  bitsPerSample: number;
  /** Significant bits (an extensible header may declare fewer than the container). */
  validBits: number;
  /** Bytes per frame (one sample of every channel). */
  blockAlign: number;
  /** Byte offset of the first sample in the file. */
  dataOffset: number;
  /** Size of the data chunk as declared by its header. */
  dataBytes: number;
  /** Whole frames in the data chunk (a trailing partial frame is ignored). */
  frames: number;
  durationMs: number;
}

export interface WavPeaks {
  format: WavFormat;
  peaks: number[];
}

/** Most channels accepted (WAVE_FORMAT_EXTENSIBLE names 18 speaker positions; leave room). */
const MAX_CHANNELS = 64;
const MAX_SAMPLE_RATE = 1_536_000;
/** A fmt chunk is 16, 18 or 40 bytes; anything far larger is not one. */
const MAX_FMT_BYTES = 4096;

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** The tail every KSDATAFORMAT_SUBTYPE GUID shares: xxxxxxxx-0000-0010-8000-00aa00389b71. */
const SUBTYPE_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

const ENCODING_NAMES: Record<number, string> = {
  0x0002: 'Microsoft ADPCM',
  0x0006: 'A-law',
  0x0007: 'µ-law',
  0x0011: 'IMA ADPCM',
  0x0031: 'GSM 6.10',
  0x0050: 'MPEG',
  0x0055: 'MP3',
};

type SampleKind = 'u8' | 's16' | 's24' | 's32' | 'f32';
const SCALE: Record<SampleKind, number> = { u8: 1 / 128, s16: 1 / 32768, s24: 1 / 8388608, s32: 1 / 2147483648, f32: 1 };

function ascii(b: Uint8Array, at: number, n = 4): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(b[at + i]!);
  return s;
}

function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/** A printable chunk-id character: what a chunk header starts with when a pad byte is missing. */
function idChar(c: number): boolean {
  return c >= 0x20 && c <= 0x7e;
}

function shownId(id: string): string {
  return JSON.stringify(id.replace(/[^\x20-\x7e]/g, '?'));
}

function bytesText(n: number): string {
  return `${n.toLocaleString('en-US')} byte${n === 1 ? '' : 's'}`;
}

/** True when the bytes start like a RIFF/WAVE file. */
export function looksLikeWav(head: Uint8Array): boolean {
  return head.byteLength >= 12 && ascii(head, 0) === 'RIFF' && ascii(head, 8) === 'WAVE';
}

function hex4(n: number): string {
  return `0x${n.toString(16).padStart(4, '0')}`;
}

/** Validates a fmt chunk's body; returns the format without its data fields. */
function parseFmt(b: Uint8Array, size: number): Omit<WavFormat, 'dataOffset' | 'dataBytes' | 'frames' | 'durationMs'> & { kind: SampleKind } {
  let tag = u16(b, 0);
  const channels = u16(b, 2);
  const sampleRate = u32(b, 4);
  const blockAlign = u16(b, 12);
  const bits = u16(b, 14);
  let validBits = bits;
  if (tag === WAVE_FORMAT_EXTENSIBLE) {
    if (size < 40) throw new WavError('malformed', `its fmt chunk says WAVE_FORMAT_EXTENSIBLE but is ${bytesText(size)} long (needs 40)`);
    validBits = u16(b, 18) || bits;
    for (let i = 0; i < SUBTYPE_TAIL.length; i++) {
      if (b[26 + i] !== SUBTYPE_TAIL[i]) throw new WavError('unsupported', 'its WAVE_FORMAT_EXTENSIBLE sub-format is not a standard one');
    }
    tag = u16(b, 24);
  }
  if (tag !== WAVE_FORMAT_PCM && tag !== WAVE_FORMAT_IEEE_FLOAT) {
    const name = ENCODING_NAMES[tag];
    throw new WavError('unsupported', `its encoding ${name ? `${name} (${hex4(tag)})` : hex4(tag)} is not supported (only integer PCM and 32-bit float)`);
  }
  if (channels === 0) throw new WavError('malformed', 'its fmt chunk declares 0 channels');
  if (channels > MAX_CHANNELS) throw new WavError('unsupported', `${channels} channels is more than the ${MAX_CHANNELS} supported`);
  if (sampleRate === 0) throw new WavError('malformed', 'its fmt chunk declares a sample rate of 0 Hz');
  if (sampleRate > MAX_SAMPLE_RATE) throw new WavError('unsupported', `a sample rate of ${sampleRate.toLocaleString('en-US')} Hz is above the ${MAX_SAMPLE_RATE.toLocaleString('en-US')} Hz supported`);
  let kind: SampleKind;
  if (tag === WAVE_FORMAT_IEEE_FLOAT) {
    if (bits !== 32) throw new WavError('unsupported', `${bits}-bit float samples are not supported (only 32-bit)`);
    kind = 'f32';
  } else if (bits === 8) kind = 'u8';
  else if (bits === 16) kind = 's16';
  else if (bits === 24) kind = 's24';
  else if (bits === 32) kind = 's32';
  else throw new WavError('unsupported', `${bits}-bit PCM samples are not supported (only 8, 16, 24 and 32)`);
  if (validBits > bits) throw new WavError('malformed', `its fmt chunk declares ${validBits} valid bits in ${bits}-bit samples`);
  const expectAlign = channels * (bits / 8);
  if (blockAlign !== expectAlign) {
    throw new WavError('malformed', `its block align is ${blockAlign} but ${channels} channel${channels === 1 ? '' : 's'} of ${bits}-bit samples take ${expectAlign} bytes per frame`);
  }
  return { encoding: kind === 'f32' ? 'float' : 'pcm', formatTag: u16(b, 0), channels, sampleRate, bitsPerSample: bits, validBits, blockAlign, kind };
}

type State = 'riff' | 'header' | 'pad' | 'fmt' | 'skip' | 'data' | 'done';

/**
 * Reads a WAV file pushed in chunks of any size and bins its samples into peaks as they
 * pass. `end()` returns the format and the peaks, or throws a WavError.
 */
export class WavPeakReader {
  private state: State = 'riff';
  private readonly buf = new Uint8Array(MAX_FMT_BYTES);
  private have = 0;
  private need = 12;
  /** Bytes of the current skipped chunk still to pass. */
  private skip = 0;
  /** Bytes read so far (the file offset of the next byte). */
  private offset = 0;
  private chunkId = '';
  private chunkSize = 0;
  private chunkStart = 0;
  private fmt: ReturnType<typeof parseFmt> | undefined;
  private format: WavFormat | undefined;
  private dataLeft = 0;
  private bins: PeakBins | undefined;
  private frame = 0;
  private lo = 0;
  private hi = 0;
  private carry = new Uint8Array(0);
  private carryLen = 0;
  private view: DataView | undefined;
  private viewOf: Uint8Array | undefined;

  constructor(
    private readonly pairs = PEAK_PAIRS,
    /** Stop at the start of the sample data: `end()` then returns the format and no peaks. */
    private readonly headerOnly = false,
  ) {}

  /** The format, once the data chunk's header has been read. */
  get formatSoFar(): WavFormat | undefined {
    return this.format;
  }

  push(chunk: Uint8Array): void {
    let pos = 0;
    const len = chunk.byteLength;
    while (pos < len) {
      if (this.state === 'done') break;
      if (this.state === 'data') {
        const n = Math.min(this.dataLeft, len - pos);
        this.takeData(chunk, pos, pos + n);
        pos += n;
        this.offset += n;
        this.dataLeft -= n;
        if (this.dataLeft === 0) this.state = 'done';
        continue;
      }
      if (this.state === 'skip') {
        const n = Math.min(this.skip, len - pos);
        pos += n;
        this.offset += n;
        this.skip -= n;
        if (this.skip === 0) this.afterChunk();
        continue;
      }
      const n = Math.min(this.need - this.have, len - pos);
      this.buf.set(chunk.subarray(pos, pos + n), this.have);
      this.have += n;
      pos += n;
      this.offset += n;
      if (this.have === this.need) this.collected();
    }
  }

  /** Called once the bytes the current state needs are in `buf`. */
  private collected(): void {
    const b = this.buf;
    switch (this.state) {
      case 'riff': {
        const magic = ascii(b, 0);
        if (magic === 'RIFX') throw new WavError('unsupported', 'big-endian WAV (RIFX) is not supported');
        if (magic === 'RF64' || magic === 'BW64') throw new WavError('unsupported', `${magic} WAV (for files over 4 GiB) is not supported`);
        if (magic !== 'RIFF' || ascii(b, 8) !== 'WAVE') throw new WavError('not-wav', 'not a WAV file (no RIFF/WAVE header)');
        this.expectHeader(0);
        return;
      }
      case 'pad': {
        // The pad byte after an odd-sized chunk is zero. Some writers leave it out: a
        // printable byte here is then the first letter of the next chunk's id.
        const c = b[0]!;
        if (c !== 0 && idChar(c)) this.expectHeader(1);
        else this.expectHeader(0);
        return;
      }
      case 'header': {
        this.chunkId = ascii(b, 0);
        this.chunkSize = u32(b, 4);
        this.chunkStart = this.offset;
        if (this.chunkId === 'fmt ') {
          if (this.fmt) throw new WavError('malformed', 'it has two fmt chunks');
          if (this.chunkSize < 16) throw new WavError('malformed', `its fmt chunk is ${bytesText(this.chunkSize)} long (at least 16 needed)`);
          if (this.chunkSize > MAX_FMT_BYTES) throw new WavError('malformed', `its fmt chunk is ${bytesText(this.chunkSize)} long, not a format description`);
          this.state = 'fmt';
          this.have = 0;
          this.need = this.chunkSize;
          return;
        }
        if (this.chunkId === 'data') return this.startData();
        if (!/^[\x20-\x7e]{4}$/.test(this.chunkId)) {
          throw new WavError('malformed', `a chunk header at byte ${this.chunkStart - 8} is not valid (id ${shownId(this.chunkId)})`);
        }
        this.state = 'skip';
        this.skip = this.chunkSize;
        if (this.skip === 0) this.afterChunk();
        return;
      }
      case 'fmt': {
        this.fmt = parseFmt(b, this.chunkSize);
        this.afterChunk();
        return;
      }
    }
  }

  private expectHeader(already: number): void {
    this.state = 'header';
    this.have = already;
    this.need = 8;
  }

  private afterChunk(): void {
    if (this.chunkSize % 2 === 1) {
      this.state = 'pad';
      this.have = 0;
      this.need = 1;
    } else this.expectHeader(0);
  }

  private startData(): void {
    const fmt = this.fmt;
    if (!fmt) throw new WavError('malformed', 'its data chunk comes before any fmt chunk');
    const frames = Math.floor(this.chunkSize / fmt.blockAlign);
    const { kind: _kind, ...rest } = fmt;
    this.format = {
      ...rest,
      dataOffset: this.offset,
      dataBytes: this.chunkSize,
      frames,
      durationMs: (frames * 1000) / fmt.sampleRate,
    };
    this.dataLeft = this.chunkSize;
    if (this.headerOnly) {
      this.state = 'done';
      return;
    }
    this.bins = new PeakBins(frames, this.pairs);
    this.carry = new Uint8Array(fmt.blockAlign);
    this.state = this.dataLeft > 0 ? 'data' : 'done';
  }

  private takeData(src: Uint8Array, from: number, to: number): void {
    const ba = this.fmt!.blockAlign;
    let p = from;
    if (this.carryLen > 0) {
      const n = Math.min(ba - this.carryLen, to - p);
      this.carry.set(src.subarray(p, p + n), this.carryLen);
      this.carryLen += n;
      p += n;
      if (this.carryLen < ba) return;
      this.takeFrames(this.carry, 0, 1);
      this.carryLen = 0;
    }
    const whole = Math.floor((to - p) / ba);
    if (whole > 0) {
      this.takeFrames(src, p, whole);
      p += whole * ba;
    }
    if (p < to) {
      this.carry.set(src.subarray(p, to), 0);
      this.carryLen = to - p;
    }
  }

  private takeFrames(src: Uint8Array, at: number, count: number): void {
    const bins = this.bins!;
    const fmt = this.fmt!;
    const ba = fmt.blockAlign;
    const scale = SCALE[fmt.kind];
    let f = this.frame;
    count = Math.min(count, bins.frames - f);
    while (count > 0) {
      const edge = bins.edge;
      const n = Math.min(count, edge - f);
      this.scan(src, at, at + n * ba, fmt.kind);
      at += n * ba;
      f += n;
      count -= n;
      if (f === edge) {
        bins.close(this.lo * scale, this.hi * scale);
        this.lo = 0;
        this.hi = 0;
      }
    }
    this.frame = f;
  }

  /** Min and max of the raw samples in b[from, to), into this.lo / this.hi. */
  private scan(b: Uint8Array, from: number, to: number, kind: SampleKind): void {
    let lo = this.lo;
    let hi = this.hi;
    switch (kind) {
      case 'u8':
        for (let i = from; i < to; i++) {
          const v = b[i]! - 128;
          if (v < lo) lo = v;
          else if (v > hi) hi = v;
        }
        break;
      case 's16':
        for (let i = from; i < to; i += 2) {
          const v = ((b[i]! | (b[i + 1]! << 8)) << 16) >> 16;
          if (v < lo) lo = v;
          else if (v > hi) hi = v;
        }
        break;
      case 's24':
        for (let i = from; i < to; i += 3) {
          const v = ((b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16)) << 8) >> 8;
          if (v < lo) lo = v;
          else if (v > hi) hi = v;
        }
        break;
      case 's32':
        for (let i = from; i < to; i += 4) {
          const v = b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
          if (v < lo) lo = v;
          else if (v > hi) hi = v;
        }
        break;
      case 'f32': {
        if (this.viewOf !== b) {
          this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
          this.viewOf = b;
        }
        const dv = this.view!;
        for (let i = from; i < to; i += 4) {
          const v = dv.getFloat32(i, true);
          // NaN fails both tests and is skipped; infinities are clamped when peaks are rounded.
          if (v < lo) lo = v;
          else if (v > hi) hi = v;
        }
        break;
      }
    }
    this.lo = lo;
    this.hi = hi;
  }

  /** Ends the stream: the format and peaks, or a WavError saying what is wrong. */
  end(): WavPeaks {
    switch (this.state) {
      case 'riff':
        if (this.offset === 0) throw new WavError('not-wav', 'the file is empty');
        throw new WavError(this.offset >= 4 && ascii(this.buf, 0) === 'RIFF' ? 'truncated' : 'not-wav', `the file is only ${bytesText(this.offset)} long, too short for a WAV header`);
      case 'fmt':
        throw new WavError('truncated', `the file ends inside its fmt chunk (${bytesText(this.need - this.have)} missing)`);
      case 'skip':
        if (!this.format) throw new WavError('truncated', `the file ends inside its ${shownId(this.chunkId)} chunk, before any audio data (${bytesText(this.skip)} missing)`);
        break;
      case 'header':
      case 'pad':
        if (!this.format) {
          if (!this.fmt) throw new WavError('malformed', 'it has no fmt chunk');
          throw new WavError('malformed', 'it has no data chunk');
        }
        break;
      case 'data': {
        const got = this.format!.dataBytes - this.dataLeft;
        const pct = Math.floor((got / this.format!.dataBytes) * 100);
        throw new WavError('truncated', `its data chunk is truncated: the header declares ${bytesText(this.format!.dataBytes)} of audio but the file holds ${bytesText(got)} (${pct}%)`);
      }
      case 'done':
        break;
    }
    const format = this.format!;
    if (this.headerOnly) return { format, peaks: [] };
    return { format, peaks: this.bins!.finish() };
  }
}

/** Format and peaks of a whole WAV file in memory (no decoded copy is made). */
export function wavPeaks(bytes: Uint8Array, pairs = PEAK_PAIRS): WavPeaks {
  const r = new WavPeakReader(pairs);
  r.push(bytes);
  return r.end();
}

/** The format of a WAV file, checked up to the start of its samples. */
export function readWavFormat(bytes: Uint8Array): WavFormat {
  const r = new WavPeakReader(0, true);
  r.push(bytes);
  const { format } = r.end();
  const got = bytes.byteLength - format.dataOffset;
  if (got < format.dataBytes) {
    const pct = Math.floor((got / format.dataBytes) * 100);
    throw new WavError('truncated', `its data chunk is truncated: the header declares ${bytesText(format.dataBytes)} of audio but the file holds ${bytesText(got)} (${pct}%)`);
  }
  return format;
}

/**
 * Decodes a whole WAV file into one Float32Array per channel, samples in [-1, 1). For small
 * files and tests; peaks of long recordings come from `wavPeaks`, which builds no such arrays.
 */
export function decodeWav(bytes: Uint8Array, maxFrames = 1 << 24): { format: WavFormat; channels: Float32Array[] } {
  const format = readWavFormat(bytes);
  if (format.frames > maxFrames) throw new WavError('unsupported', `${format.frames.toLocaleString('en-US')} frames is more than the ${maxFrames.toLocaleString('en-US')} decodeWav will hold`);
  const { channels: nch, blockAlign, frames, dataOffset } = format;
  const width = format.bitsPerSample / 8;
  const channels = Array.from({ length: nch }, () => new Float32Array(frames));
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let f = 0; f < frames; f++) {
    const base = dataOffset + f * blockAlign;
    for (let c = 0; c < nch; c++) {
      const i = base + c * width;
      let v: number;
      if (format.encoding === 'float') v = dv.getFloat32(i, true);
      else if (width === 1) v = (bytes[i]! - 128) / 128;
      else if (width === 2) v = dv.getInt16(i, true) / 32768;
      else if (width === 3) v = (((bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16)) << 8) >> 8) / 8388608;
      else v = dv.getInt32(i, true) / 2147483648;
      channels[c]![f] = v;
    }
  }
  return { format, channels };
}
