import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Utf8Pieces } from '../../shared/util/lines';


/** The text splitter's decoder; what both splitters promise is in line-splitters.test.ts. */
describe('Utf8Pieces', () => {
  it('gives, for any bytes cut anywhere, the text one streaming TextDecoder gives (invalid and cut-off characters included)', () => {
    // Bytes from a pool that mixes ASCII, every kind of lead byte, continuation bytes and
    // bytes that are never valid, so truncated and invalid sequences meet the cuts.
    const byte = fc.oneof(fc.constantFrom(0x0a, 0x41, 0x7f, 0x80, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff), fc.integer({ min: 0, max: 255 }));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 200 }), fc.array(fc.nat(200), { maxLength: 12 }), (values, cuts) => {
        const bytes = new Uint8Array(values);
        const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
        const streaming = new TextDecoder();
        const pieces = new Utf8Pieces();
        let want = '';
        let got = '';
        let prev = 0;
        for (const p of [...points, bytes.length]) {
          want += streaming.decode(bytes.subarray(prev, p), { stream: true });
          got += pieces.decode(bytes.subarray(prev, p));
          prev = p;
        }
        want += streaming.decode();
        got += pieces.end();
        expect(got).toBe(want);
      }),
      { numRuns: 2000 },
    );
  });

});
