import { writeArchive, type ArchiveBlob } from '../../../shared/archive/baton-writer';
import { parseReel } from '../../../shared/committee/reel';
import type { SessionEvent } from '../../../shared/model/schema';
import type { BatonDB } from './schema';
import { loadEvents } from './store';
import { rowBytes } from './blob-rows';

/** Builds a .baton archive of a stored session, with the committee's saved evidence reel if there is one. */
export async function exportSession(database: BatonDB, sid: string): Promise<{ name: string; blob: Blob }> {
  const row = await database.sessions.get(sid);
  if (!row) throw new Error('That session is no longer in the library.');
  const events: SessionEvent[] = await loadEvents(database, sid);
  const blobRows = await database.blobs.where('sid').equals(sid).toArray();
  const blobs: ArchiveBlob[] = [];
  for (const b of blobRows) blobs.push({ path: b.id, data: await rowBytes(b) });
  const committee = await database.committee.get(sid);
  const reel = committee?.reel === undefined ? undefined : parseReel(committee.reel).reel;
  const parts: BlobPart[] = [];
  await writeArchive({ meta: row.meta, events, blobs, generator: 'Baton', ...(reel ? { reel } : {}) }, (c) => {
    parts.push(c as Uint8Array<ArrayBuffer>);
  });
  const safe = row.title.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'session';
  return { name: `${safe}.baton`, blob: new Blob(parts, { type: 'application/zip' }) };
}
