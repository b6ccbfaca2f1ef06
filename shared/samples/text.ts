/**
 * Template tag for the samples' code and prose. Works on the raw text, so backslashes in code
 * (regexes, escapes inside string literals) stay exactly as written; only \` and \${ are
 * unescaped. A leading newline is dropped so blocks can start on their own line.
 */
export function src(strings: TemplateStringsArray, ...values: unknown[]): string {
  let out = '';
  strings.raw.forEach((s, i) => {
    out += s.replace(/\\`/g, '`').replace(/\\\$\{/g, '${');
    if (i < values.length) out += String(values[i]);
  });
  return out.startsWith('\n') ? out.slice(1) : out;
}

/** `text` with `from` replaced by `to` (every occurrence); throws when `from` is absent, so a stale edit can't pass silently. */
export function swap(text: string, from: string | RegExp, to: string): string {
  const found = typeof from === 'string' ? text.includes(from) : new RegExp(from.source, from.flags.replace('g', '')).test(text);
  if (!found) throw new Error(`sample edit: ${String(from).slice(0, 60)} not found`);
  return typeof from === 'string' ? text.split(from).join(to) : text.replace(from, to);
}

/** Applies several swaps in order. */
export function edits(text: string, ...pairs: [from: string | RegExp, to: string][]): string {
  return pairs.reduce((acc, [from, to]) => swap(acc, from, to), text);
}
