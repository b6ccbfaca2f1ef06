/**
 * Splits one line of text at its Markdown code spans (`like this`, or ``with ` inside``), so a
 * caption or an evidence line can show code as code without rendering the rest as Markdown.
 * A run of backticks opens a span only when a run of the same length closes it (CommonMark);
 * one space on each side of the code is dropped when both are there.
 */
export type TextPart = { code: boolean; text: string };

export function splitCodeSpans(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '`') {
      const next = text.indexOf('`', i);
      const end = next < 0 ? text.length : next;
      plain += text.slice(i, end);
      i = end;
      continue;
    }
    let n = 0;
    while (text[i + n] === '`') n++;
    const close = findRun(text, i + n, n);
    if (close < 0) {
      plain += text.slice(i, i + n);
      i += n;
      continue;
    }
    let code = text.slice(i + n, close);
    if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') code = code.slice(1, -1);
    if (plain) parts.push({ code: false, text: plain });
    plain = '';
    parts.push({ code: true, text: code });
    i = close + n;
  }
  if (plain) parts.push({ code: false, text: plain });
  return parts;
}

/** Index of the next run of exactly n backticks at or after `from`, or -1. */
function findRun(text: string, from: number, n: number): number {
  let i = text.indexOf('`', from);
  while (i >= 0) {
    let m = 0;
    while (text[i + m] === '`') m++;
    if (m === n) return i;
    i = text.indexOf('`', i + m);
  }
  return -1;
}
