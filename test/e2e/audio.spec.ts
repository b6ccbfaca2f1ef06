import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import { wavPeaks } from '../../shared/audio/wav';
import type { SessionEvent, SessionMeta } from '../../shared/model/schema';
import { fixtureMeta } from '../fixtures/archives';
import { encodeWav, mulawWav, narrationSignal } from '../fixtures/wav';

const rows = (page: Page) => page.getByTestId('session-row');
const SR = 8000;
const SECONDS = 20;

/** An archive whose narration track is `data` at `path`, with no peaks in its manifest. */
async function narratedArchive(title: string, path: string, mime: string, data: Uint8Array, durationMs = SECONDS * 1000): Promise<Buffer> {
  const meta: SessionMeta = {
    ...fixtureMeta(`audio-${title}`, title),
    durationMs,
    audio: { blob: { blob: path, mime, size: data.byteLength }, durationMs, offsetMs: 0 },
  };
  const events: SessionEvent[] = [
    { id: 'p1', t: 0, actor: 'candidate', kind: 'prompt', text: 'Start with the failing test.' },
    { id: 'n1', t: 1000, endT: 3500, actor: 'candidate', kind: 'narration', text: 'I want to see it fail first.' },
    { id: 'r1', t: 5000, actor: 'agent', kind: 'response', text: 'Here is the failing test.' },
    { id: 'n2', t: 9000, endT: 11_000, actor: 'candidate', kind: 'narration', text: 'Now the fix.' },
  ];
  expect(meta.audio!.peaks).toBeUndefined();
  return Buffer.from(await writeArchiveToBytes({ meta, events, blobs: [{ path, data }], createdAt: '2026-03-04T10:00:00.000Z' }));
}

async function importArchive(page: Page, name: string, buffer: Buffer) {
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/zip', buffer });
  const job = page.getByTestId('import-job').filter({ hasText: name });
  await expect(job).toHaveAttribute('data-status', 'imported', { timeout: 30_000 });
  await expect(rows(page)).toHaveCount(5);
  return job;
}

/** The stored session row with this title, read straight from IndexedDB. */
async function storedRow(page: Page, title: string) {
  return page.evaluate(async (t) => {
    const dbh: IDBDatabase = await new Promise((res, rej) => {
      const req = indexedDB.open('baton');
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    const all: { id: string; title: string; problemCount: number; meta: { audio?: { peaks?: number[] } } }[] = await new Promise((res) => {
      const r = dbh.transaction('sessions').objectStore('sessions').getAll();
      r.onsuccess = () => res(r.result);
    });
    dbh.close();
    const row = all.find((x) => x.title === t);
    return row ? { id: row.id, problemCount: row.problemCount, peaks: row.meta.audio?.peaks ?? null } : null;
  }, title);
}

/** Counts decodeAudioData calls in the page (the open must make none). */
async function countDecodes(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __decodes: number };
    w.__decodes = 0;
    for (const C of [BaseAudioContext]) {
      const orig = C.prototype.decodeAudioData;
      C.prototype.decodeAudioData = function (this: BaseAudioContext, ...args: Parameters<typeof orig>) {
        w.__decodes++;
        return orig.apply(this, args);
      } as typeof orig;
    }
  });
}

async function openSession(page: Page, title: string) {
  await rows(page).filter({ hasText: title }).getByRole('link').click();
  await expect(page.getByTestId('replay')).toBeVisible();
}

test('a WAV narration without peaks gets them at import; opening the session decodes nothing', async ({ page }) => {
  const wav = encodeWav({ sampleRate: SR, channels: [narrationSignal(SECONDS, SR)], format: 's16' });
  const expected = wavPeaks(wav).peaks;
  await countDecodes(page);
  await importArchive(page, 'wav-narration.baton', await narratedArchive('WAV narration', 'audio/narration.wav', 'audio/wav', wav));

  // Right after the import, the stored row carries the peaks the WAV reader computes in Node.
  const row = await storedRow(page, 'WAV narration');
  expect(row?.peaks).toHaveLength(4000);
  expect(row!.peaks).toEqual(expected);
  expect(row!.problemCount).toBe(0);

  await openSession(page, 'WAV narration');
  const strip = page.getByTestId('audio-strip');
  await expect(strip).toHaveAttribute('data-status', 'ready');
  await expect(strip).toHaveAttribute('data-peaks', 'stored');
  await expect(strip).toHaveAttribute('data-drawn', 'true');
  expect(await page.evaluate(() => (window as unknown as { __decodes: number }).__decodes)).toBe(0);
});

test('audio the WAV reader leaves to the browser is decoded once by the import client, not at open', async ({ page }) => {
  // µ-law: Chromium decodes it, Baton's WAV reader does not (like Ogg or MP3).
  await countDecodes(page);
  await importArchive(page, 'mulaw-narration.baton', await narratedArchive('Mu-law narration', 'audio/narration.wav', 'audio/wav', mulawWav(narrationSignal(SECONDS, SR), SR)));
  const row = await storedRow(page, 'Mu-law narration');
  expect(row?.peaks).toHaveLength(4000);
  // The signal's shape survives: 4 s bursts, every third one silent.
  const hi = row!.peaks!.filter((_, i) => i % 2 === 1);
  const bucketAt = (s: number) => hi[Math.floor((s / SECONDS) * 2000)]!;
  expect(bucketAt(2)).toBeGreaterThan(0.2);
  expect(bucketAt(10)).toBeLessThan(0.05);
  const decodesAtImport = await page.evaluate(() => (window as unknown as { __decodes: number }).__decodes);
  expect(decodesAtImport).toBe(1);

  await openSession(page, 'Mu-law narration');
  const strip = page.getByTestId('audio-strip');
  await expect(strip).toHaveAttribute('data-status', 'ready');
  await expect(strip).toHaveAttribute('data-peaks', 'stored');
  expect(await page.evaluate(() => (window as unknown as { __decodes: number }).__decodes)).toBe(decodesAtImport);
});

test('audio nothing can decode still imports, with a warning naming the file in the report', async ({ page }) => {
  const junk = new Uint8Array(4096).map((_, i) => (i * 7919) & 0xff);
  junk.set([0x4f, 0x67, 0x67, 0x53]); // "OggS", then nonsense
  const job = await importArchive(page, 'broken-audio.baton', await narratedArchive('Broken audio', 'audio/narration.ogg', 'audio/ogg', junk));
  await expect(job).toContainText('1 problem');
  const row = await storedRow(page, 'Broken audio');
  expect(row).not.toBeNull();
  expect(row!.peaks).toBeNull();
  expect(row!.problemCount).toBe(1);

  await job.getByRole('button', { name: 'View report' }).click();
  const dialog = page.getByTestId('report-dialog');
  const problem = dialog.locator('tr.warning');
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText('broken-audio.baton:audio/narration.ogg');
  await expect(problem).toContainText(/the audio could not be decoded \(.+\); the session was imported without its waveform/);
});

test('a real Ogg Vorbis narration without peaks gets them at import, matching the peaks its encoder computed', async ({ page }) => {
  // The narrator sample's track: speech from espeak-ng, encoded to Ogg Vorbis by sox, with peaks
  // that gen-samples.ts computed (with the app's own peak code) from sox's decoding of the file.
  const zip = unzipSync(new Uint8Array(readFileSync('resources/samples/narrator.baton')));
  const audio = (JSON.parse(new TextDecoder().decode(zip['manifest.json'])) as { session: SessionMeta }).session.audio!;
  const ogg = zip[audio.blob.blob]!;
  expect(audio.blob.mime).toBe('audio/ogg');
  const soxPeaks = audio.peaks!;
  await countDecodes(page);
  await importArchive(page, 'ogg-narration.baton', await narratedArchive('Ogg narration', 'audio/narration.ogg', 'audio/ogg', ogg, audio.durationMs));

  const row = await storedRow(page, 'Ogg narration');
  expect(row!.problemCount).toBe(0);
  expect(row!.peaks).toHaveLength(soxPeaks.length);
  expect(await page.evaluate(() => (window as unknown as { __decodes: number }).__decodes)).toBe(1);
  // Chromium's decoder (resampling to its own rate) and sox's agree bucket by bucket: the
  // pauses between sentences are silent in both, and the loud buckets are as loud.
  const diffs = row!.peaks!.map((v, i) => Math.abs(v - soxPeaks[i]!));
  const mean = diffs.reduce((a, b) => a + b, 0) / diffs.length;
  // Measured on Chromium 150: mean 0.003, largest 0.039 (of a full scale of 1).
  expect(mean).toBeLessThan(0.02);
  expect(Math.max(...diffs)).toBeLessThan(0.1);
  // And the track is not mostly silence, so agreeing means something.
  expect(soxPeaks.filter((v) => Math.abs(v) > 0.3).length).toBeGreaterThan(300);
  const silentInSox = soxPeaks.filter((v) => v === 0).length;
  expect(silentInSox).toBeGreaterThan(200);
  const bothSilent = row!.peaks!.filter((v, i) => soxPeaks[i] === 0 && Math.abs(v) < 0.01).length;
  expect(bothSilent / silentInSox).toBeGreaterThan(0.95);

  await openSession(page, 'Ogg narration');
  const strip = page.getByTestId('audio-strip');
  await expect(strip).toHaveAttribute('data-status', 'ready');
  await expect(strip).toHaveAttribute('data-peaks', 'stored');
});
