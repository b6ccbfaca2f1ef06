import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { NativeInflate, nativeInflateAvailable } from '../../shared/archive/native-inflate';

/** Text that compresses like an events file: repetitive, with some variety. */
function sample(lines: number): Uint8Array {
  let s = '';
  for (let i = 0; i < lines; i++) s += `{"id":"e${i}","t":${i * 37},"kind":"message","text":"line ${i} ✓ ${(i * 7919) % 1000}"}\n`;
  return new TextEncoder().encode(s);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.byteLength;
  }
  return out;
}

describe.runIf(nativeInflateAvailable)('native inflate', () => {
  it('hands over output as slices are pushed (not all at the end), and the whole entry once, in order', async () => {
    const plain = sample(20_000);
    const packed = deflateSync(plain);
    const d = new NativeInflate();
    const out: Uint8Array[] = [];
    let finals = 0;
    d.ondata = (err, chunk, final) => {
      expect(err).toBeNull();
      out.push(chunk);
      if (final) finals++;
    };
    const progress: number[] = [];
    const SLICE = 4096;
    for (let off = 0; off < packed.byteLength; off += SLICE) {
      const end = Math.min(packed.byteLength, off + SLICE);
      d.push(packed.subarray(off, end), end === packed.byteLength);
      await d.settled();
      progress.push(out.reduce((n, p) => n + p.byteLength, 0));
    }
    // Halfway through the input, about half the output has arrived (zlib may hold back a little).
    expect(progress[Math.floor(progress.length / 2)]).toBeGreaterThan(plain.byteLength / 3);
    expect(finals).toBe(1);
    const whole = concat(out);
    // Compared as text: a deep comparison of 1.4 million array items takes vitest half a minute.
    expect(whole.byteLength).toBe(plain.byteLength);
    expect(new TextDecoder().decode(whole) === new TextDecoder().decode(plain)).toBe(true);
  });

  it('reports corrupt data as an error, once, and never throws', async () => {
    const packed = deflateSync(sample(2000)).slice();
    packed.fill(0xff, 10, 200);
    const d = new NativeInflate();
    const errors: unknown[] = [];
    d.ondata = (err) => {
      if (err) errors.push(err);
    };
    d.push(packed, true);
    await d.settled();
    expect(errors).toHaveLength(1);
  });

  it('stops handing over output once terminated', async () => {
    const packed = deflateSync(sample(20_000));
    const d = new NativeInflate();
    let after = 0;
    let terminated = false;
    d.ondata = () => {
      if (terminated) after++;
      else {
        terminated = true;
        d.terminate();
      }
    };
    d.push(packed, true);
    await Promise.race([d.done, new Promise((r) => setTimeout(r, 200))]);
    expect(after).toBe(0);
  });
});
