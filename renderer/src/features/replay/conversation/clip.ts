/**
 * The start of a long message, shown until the reviewer asks for the rest. A real agent
 * response can run to hundreds of lines; laid out whole it costs every seek that brings it
 * into view (or near it) tens of milliseconds, and it pushes everything else out of the pane.
 * Pure: unit-tested without a DOM.
 */

/** A message is shown whole up to this many characters and lines. */
export const PREVIEW_CHARS = 1_200;
export const PREVIEW_LINES = 24;

export interface ClippedMessage {
  /** The markdown to render: whole lines only (a first line longer than the limit is cut at a space), any open code fence closed. */
  text: string;
  /** Lines of the message not shown (a cut line counts). */
  hiddenLines: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The part of `src` to show, or undefined when it is short enough to show whole. Linear in the part kept. */
export function clipMessage(src: string, maxChars = PREVIEW_CHARS, maxLines = PREVIEW_LINES): ClippedMessage | undefined {
  if (src.length <= maxChars && countLines(src, maxLines + 1) <= maxLines) return undefined;
  // The whole lines that fit in both limits.
  let end = 0;
  let lines = 0;
  for (let pos = 0; lines < maxLines; ) {
    const nl = src.indexOf('\n', pos);
    const lineEnd = nl === -1 ? src.length : nl;
    if (lineEnd > maxChars) break;
    end = lineEnd;
    lines++;
    if (nl === -1) break;
    pos = nl + 1;
  }
  // The first line alone is too long: it is cut at the last space before the limit.
  if (lines === 0) {
    const space = src.lastIndexOf(' ', maxChars);
    end = space > maxChars / 2 ? space : maxChars;
  }
  const rest = src.slice(lines === 0 ? end : end + 1);
  let text = src.slice(0, end).trimEnd();
  const fence = openFence(text);
  if (fence) text += `\n${fence}`;
  return { text, hiddenLines: countLines(rest, Infinity) };
}

/** Lines in `s` (0 for an empty string), counting up to `stop`. */
function countLines(s: string, stop: number): number {
  if (s.length === 0) return 0;
  let n = 1;
  for (let i = s.indexOf('\n'); i !== -1 && n < stop; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** The fence that closes a code block left open at the end of `text`, if one is. */
function openFence(text: string): string | undefined {
  let open: string | undefined;
  for (const line of text.split('\n')) {
    const m = FENCE.exec(line);
    if (!m) continue;
    const marker = m[1]!;
    if (open === undefined) open = marker;
    else if (marker[0] === open[0] && marker.length >= open.length && line.trim() === marker) open = undefined;
  }
  return open;
}
