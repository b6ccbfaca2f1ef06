import { buildSessionIndex } from '../../../../shared/replay/index';
import type { SessionEvent } from '../../../../shared/model/schema';
import { db } from '../../db/schema';
import { loadEvents } from '../../db/store';
import { blobReader } from './progressive';
import type { LoadedSession } from './types';

/** Loads a stored session for replay: events in time order, the time index, lazy blobs. */
export async function loadSession(id: string): Promise<LoadedSession | undefined> {
  const database = db();
  const row = await database.sessions.get(id);
  if (!row) return undefined;
  // Time order; events at the same moment keep their import order.
  const sorted: SessionEvent[] = await loadEvents(database, id);
  return { row, meta: row.meta, events: sorted, index: buildSessionIndex(sorted), loadBlob: blobReader(database, id) };
}

const POS_KEY = (id: string) => `pos:${id}`;

export async function loadLastPosition(id: string): Promise<number | undefined> {
  const row = await db().settings.get(POS_KEY(id));
  return typeof row?.value === 'number' ? row.value : undefined;
}

export async function saveLastPosition(id: string, t: number): Promise<void> {
  await db().settings.put({ key: POS_KEY(id), value: Math.round(t) });
}
