/**
 * Reads a zip's central directory from the end of the file (random access, a few KiB), so
 * that every limit can be checked before a single byte is inflated, and each entry's CRC-32
 * can be verified as it streams. Follows PKWARE's APPNOTE 6.3 (including zip64 sizes).
 */
import { ImportError, type ByteSource } from '../import/types';
import { decodeEntryName, fflateKey } from './zip-names';

export interface CdEntry {
  /** The entry's name (UTF-8 when flagged or valid, else CP437: see zip-names.ts). */
  name: string;
  /** The name as fflate's streaming reader decodes it, to match its entries to these. */
  key: string;
  crc: number;
  method: number;
  compressedSize: number;
  size: number;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CD_SIG = 0x02014b50;
const MAX_CD_BYTES = 64 * 1024 * 1024;

async function read(src: ByteSource, start: number, end: number): Promise<DataView> {
  return new DataView(await src.slice(start, end).arrayBuffer());
}

function u64(v: DataView, off: number): number {
  return v.getUint32(off, true) + v.getUint32(off + 4, true) * 2 ** 32;
}

export async function readCentralDirectory(src: ByteSource, maxEntries: number): Promise<CdEntry[]> {
  const file = src.name;
  const truncated = () => new ImportError(`${file}: archive is truncated or damaged — its central directory is missing`);
  if (src.size < 22) throw truncated();
  const tailStart = Math.max(0, src.size - (22 + 65535));
  const tail = await read(src, tailStart, src.size);
  let eocd = -1;
  for (let i = tail.byteLength - 22; i >= 0; i--) {
    if (tail.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) throw truncated();
  let count = tail.getUint16(eocd + 10, true);
  let cdSize = tail.getUint32(eocd + 12, true);
  let cdOffset = tail.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locAt = tailStart + eocd - 20;
    if (locAt < 0) throw truncated();
    const loc = await read(src, locAt, locAt + 20);
    if (loc.getUint32(0, true) !== ZIP64_LOCATOR_SIG) throw truncated();
    const z64At = u64(loc, 8);
    if (z64At + 56 > src.size) throw truncated();
    const z64 = await read(src, z64At, z64At + 56);
    if (z64.getUint32(0, true) !== ZIP64_EOCD_SIG) throw truncated();
    count = u64(z64, 32);
    cdSize = u64(z64, 40);
    cdOffset = u64(z64, 48);
  }
  if (count > maxEntries) throw new ImportError(`${file}: archive has more than ${maxEntries} entries`);
  if (cdSize > MAX_CD_BYTES || cdOffset + cdSize > src.size) throw truncated();
  const cd = await read(src, cdOffset, cdOffset + cdSize);
  const entries: CdEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.byteLength || cd.getUint32(p, true) !== CD_SIG) throw truncated();
    const utf8Flag = (cd.getUint16(p + 8, true) & 0x0800) !== 0;
    const method = cd.getUint16(p + 10, true);
    const crc = cd.getUint32(p + 16, true);
    let compressedSize = cd.getUint32(p + 20, true);
    let size = cd.getUint32(p + 24, true);
    const nameLen = cd.getUint16(p + 28, true);
    const extraLen = cd.getUint16(p + 30, true);
    const commentLen = cd.getUint16(p + 32, true);
    if (p + 46 + nameLen + extraLen > cd.byteLength) throw truncated();
    const nameBytes = new Uint8Array(cd.buffer, cd.byteOffset + p + 46, nameLen);
    const name = decodeEntryName(nameBytes, utf8Flag);
    const key = fflateKey(nameBytes, utf8Flag);
    // zip64 extra field: sizes that did not fit in 32 bits, in this order.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = cd.getUint16(x, true);
      const len = cd.getUint16(x + 2, true);
      if (id === 0x0001) {
        let q = x + 4;
        if (size === 0xffffffff && q + 8 <= x + 4 + len) {
          size = u64(cd, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= x + 4 + len) compressedSize = u64(cd, q);
      }
      x += 4 + len;
    }
    entries.push({ name, key, crc, method, compressedSize, size });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}
