import { describe, expect, it } from 'vitest';
import { AsciiBuilder } from '../../renderer/src/db/ascii-text';

describe('AsciiBuilder', () => {
  it('gives back exactly the parts appended, as strings, bytes and codes, past its first buffer and across decode pieces, and starts empty again', () => {
    const b = new AsciiBuilder();
    let want = '';
    for (let i = 0; i < 3000; i++) {
      const s = `{"i":${i},"pad":"${'x'.repeat(i % 97)}"}`;
      if (i % 3 === 0) b.append(new TextEncoder().encode(s));
      else b.append(s);
      b.appendCode(0x2c);
      want += `${s},`;
    }
    expect(want.length).toBeGreaterThan(128 * 1024);
    expect(b.length).toBe(want.length);
    expect(b.take()).toBe(want);
    expect(b.length).toBe(0);
    b.append('[1]');
    expect(b.take()).toBe('[1]');
    const big = 'y'.repeat(5 << 20);
    b.append(big);
    expect(b.take()).toBe(big);
    expect(b.take()).toBe('');
  });
});
