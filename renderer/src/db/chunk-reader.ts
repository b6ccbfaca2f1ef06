/**
 * Reading a session's chunks a few at a time (the replay opens from the chunks around its
 * start position and loads the rest behind the first paint). The chunks' spans come from
 * schema v6's index on [sid+n+t0+t1+count], read as keys: the chunks' JSON is not touched.
 */
import Dexie from 'dexie';
import type { SessionEvent } from '../../../shared/model/schema';
import type { ChunkSpan } from '../../../shared/replay/chunk-window';
import type { BatonDB } from './schema';

export const CHUNK_SPAN_INDEX = '[sid+n+t0+t1+count]';

/** Every chunk of a session, in chunk order: number, time span, event count. */
export async function chunkSpans(database: BatonDB, sid: string): Promise<ChunkSpan[]> {
  const keys = await database.eventChunks.where(CHUNK_SPAN_INDEX).between([sid, Dexie.minKey], [sid, Dexie.maxKey], true, true).keys();
  return keys.map((k) => {
    const [, n, t0, t1, count] = k as unknown as [string, number, number, number, number];
    return { n, t0, t1, count };
  });
}

/** These chunks' JSON, in the order asked (a missing chunk reads as an empty array). */
export async function readChunkJson(database: BatonDB, sid: string, ns: readonly number[]): Promise<string[]> {
  const rows = await database.eventChunks.bulkGet(ns.map((n) => [sid, n] as [string, number]));
  return rows.map((r) => r?.json ?? '[]');
}

export function parseChunk(json: string): SessionEvent[] {
  return JSON.parse(json) as SessionEvent[];
}
