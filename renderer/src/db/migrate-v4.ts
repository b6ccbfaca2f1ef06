/**
 * Schema v4's upgrade: every committed session's per-event rows become chunk rows (see
 * chunks.ts), in the upgrade transaction, so the library opens either fully migrated or
 * not at all. Rows of imports that never committed are left for the staging sweep.
 */
import Dexie, { type Transaction } from 'dexie';
import type { SessionEvent } from '../../../shared/model/schema';
import { toChunks } from './chunks';

export async function eventsToChunks(tx: Transaction): Promise<void> {
  const events = tx.table('events');
  const chunks = tx.table('eventChunks');
  const sids = (await tx.table('sessions').toCollection().primaryKeys()) as string[];
  for (const sid of sids) {
    const range = events.where('[sid+seq]').between([sid, Dexie.minKey], [sid, Dexie.maxKey], true, true);
    const rows = (await range.toArray()) as (SessionEvent & { sid?: string; seq?: number })[];
    const plain = rows.map(({ sid: _sid, seq: _seq, ...ev }) => ev as SessionEvent);
    await chunks.bulkPut(toChunks(sid, plain, 0));
    await range.delete();
  }
}
