import { describe, expect, it } from 'vitest';
import { oneLine } from '../../shared/util/one-line';

/** The line as it was made before: the whole text collapsed, trimmed and cut. */
const whole = (s: string, n: number) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

describe('oneLine: an event summary as one line', () => {
  it('collapses whitespace, trims, and cuts with an ellipsis', () => {
    expect(oneLine('  Fix\n\n the   importer\t', 160)).toBe('Fix the importer');
    expect(oneLine('abcdefghij', 5)).toBe('abcd…');
    expect(oneLine('abcde', 5)).toBe('abcde');
  });

  it('gives the same line as collapsing the whole text, for texts of every shape', () => {
    let seed = 7;
    const rand = (k: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % k;
    const pieces = ['word', ' ', '\n', '\t\t', '   ', 'é', '😀', 'x', '\u00a0', '\n\n\n\n'];
    for (let i = 0; i < 3000; i++) {
      const n = 1 + rand(200);
      const parts: string[] = [];
      const len = rand(4) === 0 ? rand(2000) : rand(400);
      for (let k = 0; k < len; k++) parts.push(pieces[rand(pieces.length)]!);
      // Long runs of whitespace across the points where a prefix is cut.
      if (rand(3) === 0) parts.splice(rand(parts.length + 1), 0, ' '.repeat(rand(5000)));
      const s = parts.join('');
      expect(oneLine(s, n)).toBe(whole(s, n));
    }
  });

  it('reads only the start of a long text: a summary of a 20 MB message costs what one of a short message does', () => {
    // Joined, not repeated: a flat string, as a message read from storage is.
    const huge = new Array<string>(500_000).fill('The agent explains   its plan\n\nin detail. ').join('');
    expect(oneLine(huge, 160)).toHaveLength(160);
    // Collapsing the whole text 200 times takes minutes: give up after a second.
    const start = performance.now();
    let done = 0;
    while (done < 200 && performance.now() - start < 1000) if (oneLine(huge, 160).length === 160) done++;
    expect(done).toBe(200);
  });
});
