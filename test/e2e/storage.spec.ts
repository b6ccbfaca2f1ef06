import { expect, test } from '@playwright/test';

test('the library shows the space it uses on this device', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('session-row').first()).toBeVisible();
  await expect(page.getByTestId('storage-usage')).toHaveText(/^\d+(\.\d)? (B|KiB|MiB) used of [\d.]+ (MiB|GiB)/);
});

test('a session stored one row per event before schema v4 is still listed and replays every event after the upgrade', async ({ page }) => {
  // A page of the same origin that does not start the app, to write the old library.
  await page.goto('/favicon.svg');
  await page.evaluate(async () => {
    const sid = 'old-session';
    const meta = {
      id: sid,
      title: 'Stored before chunks',
      candidate: { id: 'cand-1' },
      task: { title: 'Rate limiter', statement: '' },
      source: { format: 'baton' },
      startedAt: '2026-01-01T00:00:00.000Z',
      durationMs: 60_000,
      terminals: [],
      lanes: [],
      tags: [],
    };
    // Schema v2 exactly as Dexie created it (Dexie's version n is IndexedDB version 10n).
    const req = indexedDB.open('baton', 20);
    req.onupgradeneeded = () => {
      const d = req.result;
      const sessions = d.createObjectStore('sessions', { keyPath: 'id' });
      sessions.createIndex('contentHash', 'contentHash', { unique: true });
      for (const k of ['title', 'startedAt', 'format', 'taskTitle', 'candidateId', 'importedAt']) sessions.createIndex(k, k);
      const events = d.createObjectStore('events', { keyPath: ['sid', 'seq'] });
      events.createIndex('[sid+t]', ['sid', 't']);
      events.createIndex('[sid+kind]', ['sid', 'kind']);
      d.createObjectStore('blobs', { keyPath: ['sid', 'id'] }).createIndex('sid', 'sid');
      d.createObjectStore('reports', { keyPath: 'id', autoIncrement: true }).createIndex('at', 'at');
      d.createObjectStore('staging', { keyPath: 'id' }).createIndex('startedAt', 'startedAt');
      d.createObjectStore('settings', { keyPath: 'key' });
      d.createObjectStore('scores', { keyPath: ['sid', 'version'] }).createIndex('sid', 'sid');
    };
    const d: IDBDatabase = await new Promise((res, rej) => {
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    const tx = d.transaction(['sessions', 'events', 'settings'], 'readwrite');
    tx.objectStore('settings').put({ key: 'samplesLoaded', value: true });
    tx.objectStore('sessions').put({ id: sid, meta, contentHash: 'h-old', eventCount: 3, counts: { prompt: 2, response: 1 }, importedAt: 1, problemCount: 0, title: meta.title, startedAt: meta.startedAt, format: 'baton', taskTitle: 'Rate limiter', candidateId: 'cand-1', durationMs: 60_000 });
    const evs = [
      { id: 'p1', t: 1000, actor: 'candidate', kind: 'prompt', text: 'Scope the limiter first' },
      { id: 'r1', t: 2000, actor: 'agent', kind: 'response', text: 'Here is a token bucket' },
      { id: 'p2', t: 3000, actor: 'candidate', kind: 'prompt', text: 'What about bursts?' },
    ];
    evs.forEach((e, seq) => tx.objectStore('events').put({ ...e, sid, seq }));
    await new Promise((res) => (tx.oncomplete = res));
    d.close();
  });
  await page.goto('/');
  const row = page.getByTestId('session-row').filter({ hasText: 'Stored before chunks' });
  await expect(row).toHaveCount(1);
  await page.goto('/#/session/old-session');
  await expect(page.getByTestId('replay-event')).toHaveCount(3);
  await expect(page.getByTestId('replay-event').filter({ hasText: 'What about bursts?' })).toHaveCount(1);
});
