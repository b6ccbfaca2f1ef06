import { describe, expect, it } from 'vitest';
import { fitText, type CharWidths } from '../../renderer/src/features/replay/events/fit-text';

// A font whose 'i' is 3 px, space 4 px and every other ASCII character 8 px.
const of = new Map<string, number>();
for (let c = 32; c < 127; c++) of.set(String.fromCharCode(c), 8);
of.set('i', 3);
of.set(' ', 4);
const widths: CharWidths = { of, narrowest: 3 };
// Per UTF-16 unit, as fitText counts (an emoji counts twice the narrowest: more is kept, never less).
const width = (s: string) => s.split('').reduce((a, ch) => a + (of.get(ch) ?? 3), 0);

describe('fitText: a row summary cut to its box', () => {
  it('leaves a summary that fits whole', () => {
    expect(fitText('Edit src/app.ts', 400, widths)).toBe('Edit src/app.ts');
  });

  it('cuts a long summary, keeping more than the box shows so its own ellipsis still appears', () => {
    const text = 'Refactor the session importer so that every event keeps its original order '.repeat(3);
    const cut = fitText(text, 270, widths);
    expect(cut.length).toBeLessThan(text.length / 3);
    expect(text.startsWith(cut)).toBe(true);
    expect(width(cut)).toBeGreaterThan(270);
  });

  it('keeps enough narrow characters to fill the box', () => {
    const text = 'i'.repeat(300);
    const cut = fitText(text, 270, widths);
    expect(width(cut)).toBeGreaterThan(270);
    expect(cut.length).toBeLessThan(300);
  });

  it('counts unknown characters as the narrowest and does not split a surrogate pair', () => {
    const text = '😀'.repeat(200);
    const cut = fitText(text, 100, widths);
    expect(width(cut)).toBeGreaterThan(100);
    expect(cut.length % 2).toBe(0);
  });
});
