/**
 * A text as one line of at most `n` characters: runs of whitespace become one space, the ends
 * are trimmed, and a longer line ends in "…" at character `n`. Only as much of the text is read
 * as the line needs (a response of 50 kB read whole for its first 160 characters, on every
 * render of its list row, was work and garbage that grew with the message).
 */
export function oneLine(s: string, n: number): string {
  for (let take = 4 * n + 64; take < s.length; take *= 4) {
    // Collapsing a prefix gives a prefix of the collapsed whole; once it is longer than `n`
    // without its trailing space, so is the whole, and both cut to the same line.
    const head = s.slice(0, take).replace(/\s+/g, ' ').trimStart();
    if (head.trimEnd().length > n) return `${head.slice(0, n - 1)}…`;
  }
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}
