import { describe, expect, it } from 'vitest';
import { clipMessage } from '../../renderer/src/features/replay/conversation/clip';

describe('a long message shows its start until the reviewer asks for the rest', () => {
  it('a short message is shown whole', () => {
    expect(clipMessage('Short answer.\n\nSecond paragraph.', 100, 5)).toBeUndefined();
    expect(clipMessage('a\nb\nc\nd\ne', 100, 5)).toBeUndefined();
  });

  it('too many lines: the first lines, and how many are left', () => {
    const src = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n');
    expect(clipMessage(src, 1000, 4)).toEqual({ text: 'line 1\nline 2\nline 3\nline 4', hiddenLines: 6 });
  });

  it('too many characters: whole lines up to the limit', () => {
    const src = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)].join('\n');
    expect(clipMessage(src, 90, 10)).toEqual({ text: `${'a'.repeat(40)}\n${'b'.repeat(40)}`, hiddenLines: 1 });
  });

  it('one very long line is cut at a space, and still counts as hidden', () => {
    const src = 'word '.repeat(100).trim();
    const c = clipMessage(src, 52, 10)!;
    expect(c.text).toBe('word '.repeat(10).trim());
    expect(c.hiddenLines).toBe(1);
  });

  it('a code block cut in the middle is closed, so the preview is still one code block', () => {
    const src = ['Here:', '```ts', ...Array.from({ length: 20 }, (_, i) => `const x${i} = ${i};`), '```', 'Done.'].join('\n');
    const c = clipMessage(src, 10_000, 6)!;
    expect(c.text).toBe(['Here:', '```ts', 'const x0 = 0;', 'const x1 = 1;', 'const x2 = 2;', 'const x3 = 3;', '```'].join('\n'));
    expect(c.hiddenLines).toBe(18);
    // A block closed before the cut is left alone.
    const closed = clipMessage(['```', 'x', '```', 'a', 'b', 'c'].join('\n'), 10_000, 4)!;
    expect(closed.text).toBe(['```', 'x', '```', 'a'].join('\n'));
  });
});
