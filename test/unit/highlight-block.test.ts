import hljs from 'highlight.js/lib/common';
import { describe, expect, it } from 'vitest';
import { highlightBlock } from '../../renderer/src/components/highlight-block';

// The conversation's code blocks are coloured in a worker from their text and classes alone:
// what it gives must be what highlight.js gives the element itself.
describe('highlightBlock', () => {
  it('colours a block in the language its class names, and adds the classes highlight.js adds', () => {
    const code = 'const answer: number = 42;\nexport function twice(n: number) { return n * 2; }';
    const r = highlightBlock(hljs, { text: code, className: 'language-ts', parentClassName: '' });
    expect(r).not.toBeNull();
    expect(r!.html).toBe(hljs.highlight(code, { language: 'ts', ignoreIllegals: true }).value);
    expect(r!.html).toContain('<span class="hljs-keyword">const</span>');
    expect(r!.classes).toEqual(['hljs', 'language-typescript']);
  });

  it('guesses the language of an unlabelled block', () => {
    const code = 'def main():\n    import os\n    for name in os.listdir("."):\n        print(name)\n';
    const r = highlightBlock(hljs, { text: code, className: '', parentClassName: '' });
    const auto = hljs.highlightAuto(code);
    expect(r!.html).toBe(auto.value);
    expect(r!.classes).toEqual(['hljs', `language-${auto.language}`]);
  });

  it('escapes the code: markup in a block stays text', () => {
    const r = highlightBlock(hljs, { text: '<img src=x onerror=alert(1)>', className: 'language-plaintext', parentClassName: '' });
    expect(r!.html).not.toContain('<img');
    expect(r!.html).toContain('&lt;img');
  });

  it('leaves a block marked no-highlight alone', () => {
    expect(highlightBlock(hljs, { text: 'x = 1', className: 'no-highlight', parentClassName: '' })).toBeNull();
  });
});
