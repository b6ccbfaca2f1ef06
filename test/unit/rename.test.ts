/**
 * Naming a session (renderer/src/db/rename.ts): the candidate's name and the task title are
 * stored in the session's metadata and its library columns, survive an export and re-import,
 * are trimmed and bounded, and an empty name brings back the log's own candidate id.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import { bytesSource } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { BatonDB } from '../../renderer/src/db/schema';
import { DexieSink } from '../../renderer/src/db/store';
import { exportSession } from '../../renderer/src/db/export';
import { NAME_MAX, setSessionNames } from '../../renderer/src/db/rename';
import { events, meta } from './helpers/session';
import { eachFreshDb, uniqueDbName } from './helpers/fresh-db';

let database: BatonDB;
eachFreshDb('baton-rename', (d) => (database = d));

async function importOne(db: BatonDB, name: string, bytes: Uint8Array): Promise<string> {
  const r = await importSource(bytesSource(name, bytes), new DexieSink(db, name));
  expect(r.status).toBe('imported');
  return r.sessions[0]!.id;
}

describe('setSessionNames', () => {
  it('stores the names with the session and they go out in the export', async () => {
    const bytes = await writeArchiveToBytes({ meta: meta({ candidate: { id: 'unknown' } }), events: events(), createdAt: '2026-01-02T11:00:00.000Z' });
    const sid = await importOne(database, 'a.baton', bytes);
    const saved = await setSessionNames(database, sid, { candidateName: '  Ada Example ', taskTitle: ' Rate limiter, take two ' });
    expect(saved.meta.candidate).toEqual({ id: 'unknown', displayName: 'Ada Example' });
    expect(saved.meta.task.title).toBe('Rate limiter, take two');
    const row = (await database.sessions.get(sid))!;
    expect(row.taskTitle).toBe('Rate limiter, take two');
    expect(row.meta.candidate.displayName).toBe('Ada Example');

    const { blob } = await exportSession(database, sid);
    const other = new BatonDB(uniqueDbName('baton-rename-other'));
    const back = (await other.sessions.get(await importOne(other, 'b.baton', new Uint8Array(await blob.arrayBuffer()))))!;
    expect(back.meta.candidate.displayName).toBe('Ada Example');
    expect(back.taskTitle).toBe('Rate limiter, take two');
    await other.delete();
  });

  it('an empty name removes the display name; long text is cut to the model limits', async () => {
    const sid = await importOne(database, 'a.baton', await writeArchiveToBytes({ meta: meta(), events: events(), createdAt: '2026-01-02T11:00:00.000Z' }));
    await setSessionNames(database, sid, { candidateName: 'x'.repeat(NAME_MAX + 50), taskTitle: 'T' });
    expect((await database.sessions.get(sid))!.meta.candidate.displayName).toHaveLength(NAME_MAX);
    const cleared = await setSessionNames(database, sid, { candidateName: '   ', taskTitle: 'T' });
    expect(cleared.meta.candidate.displayName).toBeUndefined();
    expect('displayName' in cleared.meta.candidate).toBe(false);
  });

  it('a session that is gone is an error saying so', async () => {
    await expect(setSessionNames(database, 'nope', { candidateName: 'A', taskTitle: 'T' })).rejects.toThrow('no longer in the library');
  });
});
