/**
 * A line of JSON in UTF-8 as ASCII JSON: every character past ASCII written as a \uXXXX
 * escape (two for a character past U+FFFF), which JSON.parse reads back as the same
 * character. Characters past ASCII can only stand inside JSON strings, so the value parsed is
 * the same, and a line that is not JSON stays not JSON (a backslash is never valid outside a
 * string). Done on the bytes, in one pass: no TextDecoder call (slow per call in Chromium) and
 * no second pass to escape the text for storage (renderer/src/db/chunks.ts stores chunks in
 * ASCII).
 *
 * Returns undefined where the escaped text could mean something else, so the caller decodes
 * the line as before: bytes that are not valid UTF-8 (a decoder would put U+FFFD there), and
 * a character past ASCII right after an odd run of backslashes (`\✓` is invalid JSON, while
 * `\\u2713` would be valid).
 */
const BACKSLASH = 0x5c;
const HEX = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];

export function escapeUtf8Json(bytes: Uint8Array, out: Uint8Array): number | undefined {
  const n = bytes.length;
  let at = 0;
  let backslashes = 0;
  for (let i = 0; i < n; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      if (at >= out.length) return undefined;
      out[at++] = b;
      backslashes = b === BACKSLASH ? backslashes + 1 : 0;
      i++;
      continue;
    }
    if (backslashes % 2 === 1) return undefined;
    backslashes = 0;
    let cp: number;
    let len: number;
    if (b >= 0xc2 && b <= 0xdf) {
      len = 2;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      cp = b & 0x07;
    } else return undefined;
    if (i + len > n) return undefined;
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return undefined;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    if ((len === 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (len === 4 && (cp < 0x10000 || cp > 0x10ffff))) return undefined;
    i += len;
    if (cp >= 0x10000) {
      const v = cp - 0x10000;
      if (!unit(out, at, 0xd800 + (v >> 10))) return undefined;
      at += 6;
      cp = 0xdc00 + (v & 0x3ff);
    }
    if (!unit(out, at, cp)) return undefined;
    at += 6;
  }
  return at;
}

/** Writes \uXXXX for one UTF-16 unit; false when it does not fit. */
function unit(out: Uint8Array, at: number, u: number): boolean {
  if (at + 6 > out.length) return false;
  out[at] = BACKSLASH;
  out[at + 1] = 0x75;
  out[at + 2] = HEX[u >> 12]!;
  out[at + 3] = HEX[(u >> 8) & 15]!;
  out[at + 4] = HEX[(u >> 4) & 15]!;
  out[at + 5] = HEX[u & 15]!;
  return true;
}
