/**
 * How a session's files (workspace files, terminal recordings, images, audio) are kept in
 * the blobs table. A small file is stored as its bytes in the row; only a large one (over
 * INLINE_BLOB_MAX) is stored as a Blob. In Chromium every Blob written to IndexedDB becomes
 * a file of its own, registered with the browser's blob system, and writing them got slower
 * as the library grew (issue 20: a folder of 200 sessions of 60 workspace files each went
 * from 0.2 s to over 1 s of browser time per session); bytes in the row cost the same at
 * any size of library. Rows stored before this change hold a Blob, and are read the same way.
 */
import type { BlobRow } from './schema';

/** Files up to this size are stored as bytes in their row; larger ones as a Blob. */
export const INLINE_BLOB_MAX = 1 << 20;

/** The row to store for one file of a session. */
export function blobRow(sid: string, id: string, data: Uint8Array, mime: string): BlobRow {
  const size = data.byteLength;
  // A view into a larger buffer (an unzipped chunk) is copied: IndexedDB would store the whole buffer.
  if (size <= INLINE_BLOB_MAX) return { sid, id, mime, size, bytes: data.byteOffset === 0 && data.buffer.byteLength === size ? data : data.slice() };
  return { sid, id, mime, size, data: new Blob([data as Uint8Array<ArrayBuffer>], { type: mime }) };
}

/** A stored file as a Blob, whichever way its row holds it. */
export function rowBlob(row: BlobRow): Blob {
  if (row.data) return row.data;
  return new Blob([(row.bytes ?? new Uint8Array(0)) as Uint8Array<ArrayBuffer>], { type: row.mime });
}

/** A stored file's bytes, whichever way its row holds it. */
export async function rowBytes(row: BlobRow): Promise<Uint8Array> {
  if (row.bytes) return row.bytes;
  return new Uint8Array(row.data ? await row.data.arrayBuffer() : new ArrayBuffer(0));
}

/** A stored file's bytes in an ArrayBuffer of their own (a decoder may detach it). */
export async function rowArrayBuffer(row: BlobRow): Promise<ArrayBuffer> {
  if (row.data) return row.data.arrayBuffer();
  return (row.bytes ?? new Uint8Array(0)).slice().buffer;
}
