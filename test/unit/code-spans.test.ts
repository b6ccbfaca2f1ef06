import { describe, expect, it } from 'vitest';
import { splitCodeSpans } from '../../renderer/src/components/code-spans';

describe('splitCodeSpans', () => {
  it('splits text at code spans', () => {
    expect(splitCodeSpans('Asked to run `npm test` before `git commit`.')).toEqual([
      { code: false, text: 'Asked to run ' },
      { code: true, text: 'npm test' },
      { code: false, text: ' before ' },
      { code: true, text: 'git commit' },
      { code: false, text: '.' },
    ]);
  });
  it('leaves text without spans, and an unclosed backtick, as it is', () => {
    expect(splitCodeSpans('plain words')).toEqual([{ code: false, text: 'plain words' }]);
    expect(splitCodeSpans('a lone ` backtick')).toEqual([{ code: false, text: 'a lone ` backtick' }]);
    expect(splitCodeSpans('')).toEqual([]);
  });
  it('closes a span only with a run of the same length, and trims one space each side', () => {
    expect(splitCodeSpans('use `` a`b `` here')).toEqual([
      { code: false, text: 'use ' },
      { code: true, text: 'a`b' },
      { code: false, text: ' here' },
    ]);
    expect(splitCodeSpans('``x` and `y``')).toEqual([{ code: true, text: 'x` and `y' }]);
    expect(splitCodeSpans('`a`` b')).toEqual([{ code: false, text: '`a`` b' }]);
  });
});
