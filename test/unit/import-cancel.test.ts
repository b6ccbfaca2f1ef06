/**
 * Cancel stops an import whatever it is doing, and staging is safe with several tabs: the
 * job runner and the store with fake-indexeddb, the worker replaced by a fake that hangs
 * the way a synchronous loop over a hostile file does (it never answers).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { SessionEvent } from '../../shared/model/schema';
import type { BatonDB } from '../../renderer/src/db/schema';
import { CHUNK_EVENTS } from '../../renderer/src/db/chunks';
import { countStoredEvents, DexieSink, loadEvents, sweepStaging } from '../../renderer/src/db/store';
import { WorkerJobs, type JobWorker } from '../../renderer/src/import/worker-jobs';
import { meta } from './helpers/session';
import { eachFreshDb } from './helpers/fresh-db';

let database: BatonDB;
eachFreshDb('baton-cancel', (d) => (database = d));

const evs = (count: number, from = 0): SessionEvent[] => Array.from({ length: count }, (_, i) => ({ id: `e${from + i}`, t: from + i, actor: 'agent' as const, kind: 'response' as const, text: `r${from + i}` }));

const file = (name: string) => new File(['x'], name);

describe('Cancel', () => {
  it('terminates a worker that never answers, removes what the job staged, and reports the job cancelled', async () => {
    const terminate = vi.fn();
    let staged!: () => void;
    const stagedOnce = new Promise<void>((r) => (staged = r));
    const hanging: JobWorker = {
      importFile: async (jobId) => {
        const w = await new DexieSink(database, 'hostile.cast', undefined, jobId).begin();
        // One full chunk is written while the job runs; the rest waits in memory for the next.
        await w.events(evs(CHUNK_EVENTS + 500));
        staged();
        return new Promise(() => undefined); // the worker is stuck in a loop: it never answers
      },
      terminate,
      onCrash: () => undefined,
    };
    const jobs = new WorkerJobs(() => hanging, () => database);
    const outcome = jobs.importFile('job-1', file('hostile.cast'), undefined, () => undefined);
    await stagedOnce;
    expect(await countStoredEvents(database)).toBe(CHUNK_EVENTS);
    await jobs.cancel('job-1');
    const { report, reportId } = await outcome;
    expect(terminate).toHaveBeenCalledTimes(1);
    expect(report).toMatchObject({ status: 'cancelled', message: 'hostile.cast: import cancelled; nothing was stored', sessions: [] });
    expect(await database.reports.get(reportId)).toBeDefined();
    expect(await countStoredEvents(database)).toBe(0);
    expect(await database.staging.count()).toBe(0);
    expect(jobs.size).toBe(0);
  });

  it('also undoes a session the job committed just before Cancel reached it', async () => {
    let committed!: () => void;
    const done = new Promise<void>((r) => (committed = r));
    const worker: JobWorker = {
      importFile: async (jobId) => {
        const w = await new DexieSink(database, 'late.baton', undefined, jobId).begin();
        await w.events(evs(3));
        await w.commit({ meta: meta(), contentHash: 'h-late', eventCount: 3, counts: { response: 3 }, problems: [], problemsOmitted: 0 });
        committed();
        return new Promise(() => undefined);
      },
      terminate: () => undefined,
      onCrash: () => undefined,
    };
    const jobs = new WorkerJobs(() => worker, () => database);
    const outcome = jobs.importFile('job-2', file('late.baton'), undefined, () => undefined);
    await done;
    expect(await database.sessions.count()).toBe(1);
    await jobs.cancel('job-2');
    expect((await outcome).report.status).toBe('cancelled');
    expect(await database.sessions.count()).toBe(0);
    expect(await countStoredEvents(database)).toBe(0);
  });

  it('a worker that dies on its own fails the job with a sentence naming the file', async () => {
    let crash!: (reason: string) => void;
    const worker: JobWorker = {
      importFile: () => new Promise(() => undefined),
      terminate: () => undefined,
      onCrash: (cb) => (crash = cb),
    };
    const jobs = new WorkerJobs(() => worker, () => database);
    const outcome = jobs.importFile('job-3', file('big.jsonl'), undefined, () => undefined);
    crash('the import worker stopped, perhaps out of memory');
    expect((await outcome).report).toMatchObject({ status: 'failed', message: 'big.jsonl: the import stopped (the import worker stopped, perhaps out of memory); nothing was stored' });
  });
});

describe('the start-up sweep', () => {
  it('never removes a session that committed between reading the staging rows and the locks', async () => {
    const writer = await new DexieSink(database, 'late.jsonl', undefined, 'job-L').begin();
    await writer.events(evs(5));
    const swept = await sweepStaging(database, async () => {
      // The job commits just after the sweep read the staging rows, and its lock goes.
      await writer.commit({ meta: meta(), contentHash: 'h-L', eventCount: 5, counts: { response: 5 }, problems: [], problemsOmitted: 0 });
      return () => false;
    });
    expect(swept).toBe(0);
    expect(await database.sessions.count()).toBe(1);
    expect(await countStoredEvents(database)).toBe(5);
  });
});

describe('workers', () => {
  it('a worker whose job ended is reused by the next job; a cancelled job\'s worker never is', async () => {
    const spawned: { terminated: boolean }[] = [];
    let hang = false;
    const spawn = (): JobWorker => {
      const me = { terminated: false };
      spawned.push(me);
      return {
        importFile: (jobId, f) =>
          hang ? new Promise(() => undefined) : Promise.resolve({ report: { file: f.name, bytes: 1, format: 'baton', status: 'imported', sessions: [], problems: [], problemsOmitted: 0, contentHash: jobId, durationMs: 0 }, reportId: 1 }),
        terminate: () => (me.terminated = true),
        onCrash: () => undefined,
      };
    };
    const jobs = new WorkerJobs(spawn, () => database);
    await jobs.importFile('a', file('a.baton'), undefined, () => undefined);
    await jobs.importFile('b', file('b.baton'), undefined, () => undefined);
    expect(spawned).toHaveLength(1);
    hang = true;
    const c = jobs.importFile('c', file('c.baton'), undefined, () => undefined);
    await jobs.cancel('c');
    expect((await c).report.status).toBe('cancelled');
    expect(spawned[0]!.terminated).toBe(true);
    hang = false;
    await jobs.importFile('d', file('d.baton'), undefined, () => undefined);
    expect(spawned).toHaveLength(2);
    jobs.dispose();
    expect(spawned[1]!.terminated).toBe(true);
  });
});

describe('staging with two tabs', () => {
  it("a second tab's start-up sweep leaves the first tab's import in flight alone", async () => {
    // Tab 1 is importing: job A holds its lock and has staged part of its events.
    const writerA = await new DexieSink(database, 'a.jsonl', undefined, 'job-A').begin();
    await writerA.events(evs(1000));
    // An import abandoned by a closed window: job B, no lock held any more.
    const writerB = await new DexieSink(database, 'b.jsonl', undefined, 'job-B').begin();
    await writerB.events(evs(10));
    // Tab 2 starts up and sweeps.
    const swept = await sweepStaging(database, async () => (owner) => owner === 'job-A');
    expect(swept).toBe(1);
    // Tab 1 finishes its import: every event it wrote is there.
    await writerA.events(evs(1000, 1000));
    const res = await writerA.commit({ meta: meta(), contentHash: 'h-A', eventCount: 2000, counts: { response: 2000 }, problems: [], problemsOmitted: 0 });
    expect(res.status).toBe('stored');
    expect(await loadEvents(database, (res as { id: string }).id)).toHaveLength(2000);
    expect(await countStoredEvents(database)).toBe(2000);
  });
});
