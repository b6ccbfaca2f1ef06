/**
 * A folder imports the next file while one commits (import/in-order.ts), and each import's
 * sessions are listed with their report in one transaction (db/commit.ts): the import
 * engine and the job runner on fake-indexeddb, with real .baton archives.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionEvent } from '../../shared/model/schema';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import type { BatonDB } from '../../renderer/src/db/schema';
import { countStoredEvents, DexieSink } from '../../renderer/src/db/store';
import { createImportEngine } from '../../renderer/src/import/engine';
import { InOrder } from '../../renderer/src/import/in-order';
import { WorkerJobs, type JobWorker } from '../../renderer/src/import/worker-jobs';
import type { ReadySession } from '../../renderer/src/db/commit';
import { events, meta } from './helpers/session';
import { eachFreshDb } from './helpers/fresh-db';

let database: BatonDB;
eachFreshDb('baton-folder', (d) => (database = d));
afterEach(async () => {
  vi.restoreAllMocks();
});

async function archive(name: string, title: string, extra = 0): Promise<File> {
  const more: SessionEvent[] = Array.from({ length: extra }, (_, i) => ({ id: `x${i}`, t: 60_000 + i, actor: 'agent', kind: 'response', text: `more ${i}` }));
  const bytes = await writeArchiveToBytes({ meta: meta({ id: name, title }), events: [...events(), ...more], createdAt: '2026-01-02T11:00:00.000Z' });
  return new File([bytes as Uint8Array<ArrayBuffer>], name);
}

/** A promise and the function that resolves it. */
function gate(): { open: () => void; wait: () => Promise<void> } {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { open, wait: () => p };
}

describe('the import report', () => {
  it('is stored with the session in one transaction: the session row links it', async () => {
    const engine = createImportEngine(() => database);
    const { report, reportId } = await engine.importFile('job-1', await archive('a.baton', 'Session A'), undefined, () => undefined);
    expect(report.status).toBe('imported');
    const [row] = await database.sessions.toArray();
    expect(row?.reportId).toBe(reportId);
    expect((await database.reports.get(reportId))?.report.sessions[0]?.id).toBe(row?.id);
    expect(await database.staging.count()).toBe(0);
  });

  it('a failure in that transaction leaves neither the session nor a report saying it was imported', async () => {
    const engine = createImportEngine(() => database);
    const add = database.reports.add.bind(database.reports);
    // The first report written (the one listing the session) fails; the failure's report then stores.
    vi.spyOn(database.reports, 'add').mockImplementationOnce(() => Dexie.Promise.reject(new Error('the disk said no')) as ReturnType<typeof add>).mockImplementation(add);
    const { report, reportId } = await engine.importFile('job-1', await archive('a.baton', 'Session A'), undefined, () => undefined);
    expect(report).toMatchObject({ status: 'failed', message: 'a.baton: could not be imported (the disk said no); nothing was stored', sessions: [] });
    expect(await database.sessions.count()).toBe(0);
    expect(await countStoredEvents(database)).toBe(0);
    expect(await database.staging.count()).toBe(0);
    expect((await database.reports.toArray()).map((r) => r.report.status)).toEqual(['failed']);
    expect((await database.reports.get(reportId))?.report.status).toBe('failed');
  });
});

describe('files read at the same time', () => {
  it('commit in the order they were started, even when a later one finishes reading first', async () => {
    const engine = createImportEngine(() => database);
    const first = gate();
    // The first file is the larger: the second is read completely while the first still waits.
    const a = engine.importFile('job-a', await archive('a.baton', 'Session A', 3000), undefined, () => undefined, [], first.wait);
    const b = engine.importFile('job-b', await archive('b.baton', 'Session B'), undefined, () => undefined, [], () => a.then(() => undefined));
    await new Promise((r) => setTimeout(r, 300));
    // Both files are staged, none is listed, and neither job has ended.
    expect(await database.sessions.count()).toBe(0);
    expect(await database.staging.count()).toBe(2);
    let bEnded = false;
    void b.then(() => (bEnded = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(bEnded).toBe(false);
    first.open();
    const [ra, rb] = await Promise.all([a, b]);
    expect(rb.reportId).toBeGreaterThan(ra.reportId);
    const rows = await database.sessions.toArray();
    expect(rows.sort((x, y) => x.reportId! - y.reportId!).map((r) => r.title)).toEqual(['Session A', 'Session B']);
  });

  it('with the same content: the file started first is stored and the later one is the duplicate, whichever finished reading first', async () => {
    const engine = createImportEngine(() => database);
    const first = gate();
    const same = await archive('same.baton', 'Same session');
    const a = engine.importFile('job-a', same, undefined, () => undefined, [], first.wait);
    const b = engine.importFile('job-b', new File([same], 'copy.baton'), undefined, () => undefined, [], () => a.then(() => undefined));
    await new Promise((r) => setTimeout(r, 200));
    first.open();
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.report.status).toBe('imported');
    expect(rb.report).toMatchObject({ status: 'duplicate', message: 'copy.baton: already in the library' });
    expect(rb.report.sessions[0]?.existingId).toBe(ra.report.sessions[0]?.id);
    expect(await database.sessions.count()).toBe(1);
    expect(await database.staging.count()).toBe(0);
  });

  it('the queue runs two jobs at once, gives each its turn when the one before ended, and jobs end in order', async () => {
    const queue = new InOrder(2);
    const log: string[] = [];
    const reads = [gate(), gate(), gate()];
    let running = 0;
    let most = 0;
    for (const i of [0, 1, 2]) {
      await queue.slot();
      queue.start(async (turn) => {
        running++;
        most = Math.max(most, running);
        await reads[i]!.wait();
        log.push(`read ${i}`);
        await turn();
        log.push(`end ${i}`);
        running--;
      });
      // The second and third files finish reading before the first.
      if (i === 1) reads[1]!.open();
      if (i === 1) setTimeout(() => reads[0]!.open(), 20);
    }
    reads[2]!.open();
    await queue.drain();
    expect(most).toBe(2);
    expect(log.filter((l) => l.startsWith('end'))).toEqual(['end 0', 'end 1', 'end 2']);
    expect(log.indexOf('read 1')).toBeLessThan(log.indexOf('read 0'));
  });
});

describe('Cancel while files overlap', () => {
  it('leaves nothing of either file in flight, also one that was checked and waits only to be listed; a file finished before stays', async () => {
    // A file imported completely before the overlap.
    const engine = createImportEngine(() => database);
    const done = await engine.importFile('job-0', await archive('done.baton', 'Done before'), undefined, () => undefined);
    expect(done.report.status).toBe('imported');
    const terminate = vi.fn();
    let checked!: () => void;
    const checkedOnce = new Promise<void>((r) => (checked = r));
    let stagedB!: () => void;
    const stagedBOnce = new Promise<void>((r) => (stagedB = r));
    const evs = (from: number): SessionEvent[] => Array.from({ length: 3000 }, (_, i) => ({ id: `e${from + i}`, t: from + i, actor: 'agent', kind: 'response', text: `r${from + i}` }));
    const workers: JobWorker[] = [
      {
        // Job A read everything and passed the duplicate check; it is stopped before its sessions are listed.
        importFile: async (jobId) => {
          const ready: ReadySession[] = [];
          const w = await new DexieSink(database, 'a.baton', undefined, jobId, undefined, undefined, { ready }).begin();
          await w.events(evs(0));
          await w.commit({ meta: meta({ id: 'a' }), contentHash: 'h-a', eventCount: 3000, counts: { response: 3000 }, problems: [], problemsOmitted: 0 });
          expect(ready).toHaveLength(1);
          checked();
          return new Promise(() => undefined);
        },
        terminate,
        onCrash: () => undefined,
      },
      {
        // Job B is still reading, ahead of its turn.
        importFile: async (jobId) => {
          const w = await new DexieSink(database, 'b.baton', undefined, jobId, undefined, undefined, { ready: [] }).begin();
          await w.events(evs(5000));
          stagedB();
          return new Promise(() => undefined);
        },
        terminate,
        onCrash: () => undefined,
      },
    ];
    let spawned = 0;
    const jobs = new WorkerJobs(() => workers[spawned++]!, () => database);
    const a = jobs.importFile('job-a', new File(['x'], 'a.baton'), undefined, () => undefined);
    const b = jobs.importFile('job-b', new File(['x'], 'b.baton'), undefined, () => undefined);
    await Promise.all([checkedOnce, stagedBOnce]);
    expect(await database.staging.count()).toBe(2);
    await Promise.all([jobs.cancel('job-a'), jobs.cancel('job-b')]);
    expect((await a).report.status).toBe('cancelled');
    expect((await b).report.status).toBe('cancelled');
    expect(terminate).toHaveBeenCalledTimes(2);
    expect((await database.sessions.toArray()).map((r) => r.title)).toEqual(['Done before']);
    expect(await database.staging.count()).toBe(0);
    expect(await countStoredEvents(database)).toBe(events().length);
  });
});
