/**
 * Entry names in a zip. With the UTF-8 flag (general purpose bit 11) a name is UTF-8;
 * without it, APPNOTE says IBM code page 437 — but Info-ZIP's `zip -r` on Linux and macOS
 * writes the file system's UTF-8 bytes without setting the flag. So: flagged or valid UTF-8
 * is read as UTF-8, anything else as CP437. fflate's streaming reader decodes unflagged
 * names as Latin-1 instead; `fflateKey` reproduces that so its entries can be matched to
 * the central directory's.
 */

/** CP437 characters for bytes 0x80-0xFF. */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeCp437(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80]!;
  return s;
}

/** The name a reviewer should see, by the rules above. */
export function decodeEntryName(bytes: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return new TextDecoder().decode(bytes);
  try {
    return utf8.decode(bytes);
  } catch {
    return decodeCp437(bytes);
  }
}

/** The name as fflate's streaming reader reports it (UTF-8 when flagged, else Latin-1). */
export function fflateKey(bytes: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return new TextDecoder().decode(bytes);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}
