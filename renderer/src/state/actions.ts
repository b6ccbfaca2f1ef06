import { requestPersistence } from '../db/persist';
import { db } from '../db/schema';
import { listSessions, purgeSession } from '../db/store';
import { groupImportFiles } from '../../../shared/import/group';
import type { ImportClient } from '../import/client';
import { InOrder } from '../import/in-order';
import { forgetScores, loadScoringSettings } from './scores';
import { platform } from '../platform';
import { isReviewFile } from '../features/panel/review-file';
import { firstScreenShown, whenFirstScreenShown } from './first-screen';
import { addJobs, setLibrary, setUi, updateJob, useStore, type ImportJob } from './store';

let jobSeq = 0;

export async function refreshLibrary(): Promise<void> {
  const rows = await listSessions(db());
  setLibrary({ rows, loaded: true });
}

let firstRead: Promise<void> | undefined;
/** The library's first read, made once: the start-up and a view that needs the listing share it. */
export function ensureLibrary(): Promise<void> {
  return (firstRead ??= refreshLibrary());
}

/** While a folder imports, the longest the library waits to list the sessions stored so far. */
const LIST_EVERY_MS = 1000;

/** Imports files, the next read while one commits (import/in-order.ts); the library lists each as it lands (at most once a second during a folder). */
export async function importFiles(input: File[]): Promise<ImportJob[]> {
  // Reviewers' .baton-review files go to the panel store, not the session importer.
  const all = input.filter((f) => !isReviewFile(f.name));
  if (all.length < input.length) {
    const reviews = input.filter((f) => isReviewFile(f.name));
    void import('../features/panel/exchange').then(({ importDroppedReviews }) => importDroppedReviews(reviews));
  }
  if (all.length === 0) return [];
  // A Claude Code project folder: each transcript with its subagent files is one import.
  const units = groupImportFiles(all.map((f) => f.webkitRelativePath || f.name));
  const files = units.map((u) => all[u.main]!);
  const companionsOf = units.map((u) => u.companions.map((c) => ({ file: all[c.index]!, lane: c.lane })));
  const jobs: ImportJob[] = files.map((f) => ({
    id: `job-${Date.now()}-${++jobSeq}`,
    file: f.name,
    size: f.size,
    status: 'queued',
    bytesRead: 0,
    events: 0,
  }));
  addJobs(jobs);
  const client = await importsReady();
  useStore.setState((s) => ({ imports: { ...s.imports, workerMode: client.mode } }));
  // The library is read again as sessions land: the first at once, then at most once a second
  // while more files follow (a folder of hundreds would otherwise read and render the growing
  // listing after every file), and once at the end.
  let unlisted = false;
  let listedAt = -Infinity;
  // The next file is read while this one commits; files still commit and finish in order.
  const queue = new InOrder();
  for (const [i, job] of jobs.entries()) {
    const file = files[i]!;
    await queue.slot();
    if (unlisted && performance.now() - listedAt >= LIST_EVERY_MS) {
      unlisted = false;
      await refreshLibrary();
      listedAt = performance.now();
    }
    if (useStore.getState().imports.jobs.find((j) => j.id === job.id)?.status === 'cancelled') continue;
    updateJob(job.id, { status: 'running' });
    queue.start(async (turn) => {
      try {
        const { report, reportId } = await client.importFile(
          job.id,
          file,
          undefined,
          (p) => updateJob(job.id, { bytesRead: p.bytesRead, events: p.events }),
          companionsOf[i],
          turn,
        );
        updateJob(job.id, { status: report.status, message: report.message, report, reportId, bytesRead: file.size });
        if (report.status === 'imported') unlisted = true;
      } catch (e) {
        updateJob(job.id, { status: 'failed', message: `${file.name}: ${(e as Error).message}` });
      }
    });
  }
  await queue.drain();
  if (unlisted) await refreshLibrary();
  return useStore.getState().imports.jobs.filter((j) => jobs.some((x) => x.id === j.id));
}

/** Opens the import report kept for a session. */
export async function openStoredReport(reportId: number | undefined): Promise<void> {
  const row = reportId === undefined ? undefined : await db().reports.get(reportId);
  if (row) setUi({ openReport: row.report });
  else setUi({ toast: { text: 'The import report for this session is no longer available.', kind: 'error' } });
}

export async function cancelImport(jobId: string): Promise<void> {
  const job = useStore.getState().imports.jobs.find((j) => j.id === jobId);
  if (!job) return;
  if (job.status === 'queued') {
    updateJob(jobId, { status: 'cancelled', message: `${job.file}: import cancelled; nothing was stored` });
    return;
  }
  await (await importsReady()).cancel(jobId);
}

export async function pickAndImport(directory: boolean): Promise<void> {
  const files = await platform().pickFiles({ directory });
  await importFiles(files);
}

export async function deleteSession(id: string): Promise<void> {
  await purgeSession(db(), id);
  forgetScores(id);
  if (window.location.hash.startsWith(`#/session/${encodeURIComponent(id)}`)) window.location.hash = '#/';
  setUi({ confirmDelete: undefined, toast: { text: 'Session deleted', kind: 'info' } });
  await refreshLibrary();
}

export async function exportToFile(id: string): Promise<void> {
  try {
    // The archive writer (and its schemas) loads with the first export, not with the app.
    const { exportSession } = await import('../db/export');
    const { name, blob } = await exportSession(db(), id);
    const saved = await platform().saveFile(name, blob);
    if (saved) setUi({ toast: { text: `Exported ${name}`, kind: 'info' } });
  } catch (e) {
    setUi({ toast: { text: `Export failed: ${(e as Error).message}`, kind: 'error' } });
  }
}

const SAMPLE_URLS = import.meta.glob('../../../resources/samples/*.baton', {
  query: '?url',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** On first run, imports the bundled sample sessions (once; deleting them later is respected). */
export async function loadSamplesOnFirstRun(): Promise<void> {
  const database = db();
  const done = await database.settings.get('samplesLoaded');
  if (done) return;
  const files: File[] = [];
  for (const [path, url] of Object.entries(SAMPLE_URLS).sort()) {
    const res = await fetch(url);
    if (!res.ok) continue;
    files.push(new File([await res.blob()], path.split('/').pop() ?? 'sample.baton'));
  }
  if (files.length === 0) return;
  const jobs = await importFiles(files);
  if (jobs.every((j) => j.status === 'imported' || j.status === 'duplicate')) {
    await database.settings.put({ key: 'samplesLoaded', value: true });
  }
}

let readyClient: Promise<ImportClient> | undefined;

/**
 * The import client (its module and worker load on first use, not at start-up), once the
 * imports an earlier run left unfinished are swept: every import waits for that sweep. The
 * library's listing does not (a session row is written only when its import commits).
 */
export function importsReady(): Promise<ImportClient> {
  readyClient ??= import('../import/client').then(async ({ importClient }) => {
    const client = await importClient();
    try {
      await client.sweep();
    } catch (e) {
      console.warn('Could not sweep interrupted imports', e);
    }
    return client;
  });
  return readyClient;
}

/** Runs `work` once the page is idle after its next paint (a timer where requestIdleCallback is missing). */
export function afterFirstPaintIdle(work: () => void): void {
  requestAnimationFrame(() =>
    setTimeout(() => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work());
      else setTimeout(work, 200);
    }, 0),
  );
}

let started: Promise<void> | undefined;

/**
 * Start-up (once per page): load the library, then samples on first run. The import worker
 * starts, and interrupted imports are swept, when an import is asked for or the page is idle
 * after the first screen (the library's rows or a replay's first events) is painted,
 * whichever comes first.
 */
export function startApp(): Promise<void> {
  started ??= boot();
  return started;
}

async function boot(): Promise<void> {
  // Ask the browser not to evict the library (no prompt in Chromium; Electron is durable).
  void requestPersistence();
  void whenFirstScreenShown().then(() => afterFirstPaintIdle(() => void importsReady()));
  await loadScoringSettings().catch((e: unknown) => console.warn('Could not load the scoring weights', e));
  // A replay link shows its first events before the library is read (a library of 1,000
  // sessions is a read and a render the replay does not need); the replay says when it has.
  // The library view reads the listing itself if the reviewer goes there sooner.
  const replayFirst = window.location.hash.startsWith('#/session/');
  if (replayFirst) await whenFirstScreenShown();
  await ensureLibrary();
  if (!replayFirst) firstScreenShown();
  await loadSamplesOnFirstRun();
}
