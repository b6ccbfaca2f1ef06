import type { SourceFormat } from '../model/schema';
import type { ImportContext } from './context';

/** What an importer may look at to decide whether a file is its format. */
export interface Sniff {
  name: string;
  /** The first bytes of the file (up to SNIFF_BYTES). */
  bytes: Uint8Array;
  /** Those bytes decoded as UTF-8 (lossy). */
  text: string;
  isZip: boolean;
  /** NUL bytes or many control characters in the head. */
  isBinary: boolean;
}

export interface FormatImporter {
  format: SourceFormat;
  label: string;
  /** 0 = not mine, 1 = certainly mine. Decided by content, never by file name alone. */
  detect(s: Sniff): number;
  run(ctx: ImportContext): Promise<void>;
}

export const SNIFF_BYTES = 64 * 1024;

export function makeSniff(name: string, bytes: Uint8Array): Sniff {
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  let control = 0;
  let nul = false;
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) nul = true;
    else if (b < 9 || (b > 13 && b < 32)) control++;
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return { name, bytes, text, isZip, isBinary: !isZip && (nul || control > n * 0.1) };
}

/** Picks the importer most confident about the file, or undefined. */
export function pickImporter(importers: readonly FormatImporter[], s: Sniff): FormatImporter | undefined {
  let best: FormatImporter | undefined;
  let bestScore = 0;
  for (const imp of importers) {
    const score = imp.detect(s);
    if (score > bestScore) {
      best = imp;
      bestScore = score;
    }
  }
  return best;
}
