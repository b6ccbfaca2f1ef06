import { describe, expect, it } from 'vitest';
import { marked } from 'marked';
import { MAX_DISPLAY_CHARS, nestingDepth, plainHtml, planMarkdown } from '../../renderer/src/components/markdown-plan';

describe('untrusted markdown is rendered in bounded time and stack', () => {
  it('10,000 ">" (which overflow marked\'s stack) are shown as plain text', () => {
    const src = '>'.repeat(10_000) + ' hi';
    // The hazard is real: marked itself overflows on it.
    expect(() => marked.parse(src, { async: false })).toThrow();
    const plan = planMarkdown(src);
    expect(plan).toMatchObject({ mode: 'plain', why: 'deep' });
  });

  it('10,000 nested ordered-list markers on one line (which also overflow marked) are plain text', () => {
    const src = '1. '.repeat(10_000) + 'x';
    expect(() => marked.parse(src, { async: false })).toThrow();
    expect(planMarkdown(src)).toMatchObject({ mode: 'plain', why: 'deep' });
    expect(nestingDepth('1. a\n   2) b\n2024. not a list')).toBe(2);
  });

  it('a deeply nested list is plain text; ordinary nesting is still markdown', () => {
    const deep = Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n');
    expect(planMarkdown(deep).mode).toBe('plain');
    expect(planMarkdown('# Task\n\n> quote\n\n- a\n  - b\n    - c\n\n```\ncode\n```').mode).toBe('markdown');
    expect(nestingDepth('> > - x')).toBe(3);
    expect(planMarkdown(Array.from({ length: 100 }, () => `${'> '.repeat(10)}quoted reply`).join('\n')).mode).toBe('markdown');
  });

  it('a 60 MB statement is clipped to what can be shown, and says how much is hidden', () => {
    const src = 'word '.repeat(12_000_000);
    const plan = planMarkdown(src);
    expect(plan.mode).toBe('plain');
    if (plan.mode !== 'plain') return;
    expect(plan.text.length).toBe(MAX_DISPLAY_CHARS);
    expect(plan.hiddenChars).toBe(src.length - MAX_DISPLAY_CHARS);
    const html = plainHtml(plan);
    expect(html).toContain('59,000,000 characters are not shown');
  });

  it('plain text is escaped', () => {
    const plan = planMarkdown('>'.repeat(100) + '<img src=x onerror=alert(1)>');
    expect(plan.mode).toBe('plain');
    if (plan.mode === 'plain') expect(plainHtml(plan)).not.toContain('<img');
  });
});
