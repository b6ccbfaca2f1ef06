/**
 * Committee mode in the web build at 1920×1080: readable from the back of a room (computed
 * font sizes and contrast of every visible text), the keys, the audience window kept in step
 * over BroadcastChannel, candidate-blind everywhere on screen, the decision and its report
 * rendered to PDF pages (Chromium's PDF, pages drawn by pdftoppm) with no line cut at a page edge.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import { REPORT_PDF_OPTIONS } from '../../shared/committee/pdf-options';
import type { SessionEvent } from '../../shared/model/schema';
import { generateSample } from '../../shared/samples';
import { openCommittee } from './helpers';

test.use({ viewport: { width: 1920, height: 1080 } });

const SCOPER = 'Sample · Per-client rate limiting for the ingest API';
const rows = (page: Page) => page.getByTestId('session-row');

/** Every visible text run in `root`: its font size and contrast against what is behind it. */
async function textStyles(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const parse = (c: string) => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return [0, 0, 0, 0];
      const p = m[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
      return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
    };
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    const background = (el: Element | null): number[] => {
      // Alpha-composite the backgrounds from the page up to the element.
      const chain: number[][] = [];
      for (let e = el; e; e = e.parentElement) chain.push(parse(getComputedStyle(e).backgroundColor));
      let c = [255, 255, 255];
      for (const b of chain.reverse()) c = c.map((v, i) => v * (1 - b[3]!) + b[i]! * b[3]!);
      return c;
    };
    const out: { text: string; size: number; contrast: number; inReel: boolean }[] = [];
    const root = document.querySelector(sel)!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      const el = n.parentElement;
      if (!text || !el) continue;
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden' || r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth) continue;
      let opacity = 1;
      for (let e: Element | null = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
      const bg = background(el);
      const fgRaw = parse(cs.color);
      const a = fgRaw[3]! * opacity;
      const fg = fgRaw.slice(0, 3).map((v, i) => v * a + bg[i]! * (1 - a));
      const [l1, l2] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      out.push({ text: text.slice(0, 40), size: parseFloat(cs.fontSize), contrast: (l1! + 0.05) / (l2! + 0.05), inReel: !!el.closest('.reel, .presenter-caption') });
    }
    return out;
  }, selector);
}

test('the presenter view is readable from the back of a room: ≥ 18 px everywhere, ≥ 24 px in the reel and captions, contrast ≥ 7:1', async ({ page }) => {
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await openCommittee(page, SCOPER);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('reel-clip').first()).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Space');
  await page.screenshot({ path: 'test-results/committee-presenter.png' });
  const texts = await textStyles(page, '[data-testid="presenter"]');
  expect(texts.length).toBeGreaterThan(20);
  const small = texts.filter((t) => t.size < 18 || (t.inReel && t.size < 24));
  expect(small, JSON.stringify(small.slice(0, 5))).toEqual([]);
  const faint = texts.filter((t) => t.contrast < 7);
  expect(faint, JSON.stringify(faint.slice(0, 5))).toEqual([]);
  expect(texts.filter((t) => t.inReel).length).toBeGreaterThan(5);
  // The timeline is a canvas: the label size its 2D context took when drawing (data-font-px is
  // read back from ctx.font), and the lanes grown to match; the replay's own stays at 12 px.
  const canvas = page.getByTestId('timeline-canvas');
  await expect(canvas).toHaveAttribute('data-font-px', /^\d+(\.\d+)?$/);
  expect(Number(await canvas.getAttribute('data-font-px'))).toBeGreaterThanOrEqual(18);
  const lanes = (await canvas.getAttribute('data-lanes'))!.split(' ').length;
  expect((await canvas.boundingBox())!.height).toBeGreaterThanOrEqual(lanes * 24);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('replay')).toBeVisible();
  await expect(page.getByTestId('timeline-canvas')).toHaveAttribute('data-font-px', '12');
});

test('keys: → and ← play the next and previous clip, Space pauses and resumes, B blacks out, Esc leaves', async ({ page }) => {
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await openCommittee(page, SCOPER);
  const clips = page.getByTestId('reel-clip');
  const clock = page.getByTestId('committee-clock');
  await page.keyboard.press('ArrowRight');
  await expect(clips.nth(0)).toHaveAttribute('aria-current', 'true');
  await expect(clock).toContainText('▶');
  const first = await page.getByTestId('clip-caption').textContent();
  await page.keyboard.press('ArrowRight');
  await expect(clips.nth(1)).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('clip-caption')).not.toHaveText(first!);
  await page.keyboard.press('Space');
  await expect(clock).toContainText('❚❚');
  await page.keyboard.press('Space');
  await expect(clock).toContainText('▶');
  await page.keyboard.press('ArrowLeft');
  await expect(clips.nth(0)).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('clip-caption')).toHaveText(first!);
  await page.keyboard.press('b');
  await expect(page.getByTestId('blackout')).toBeVisible();
  await page.keyboard.press('b');
  await expect(page.getByTestId('blackout')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('replay')).toBeVisible();
});

test('F puts the presenter view full screen and takes it back; typing an F in the notes does not', async ({ page }) => {
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await openCommittee(page, SCOPER);
  const fullscreen = () => page.evaluate(() => document.fullscreenElement?.tagName ?? null);
  expect(await fullscreen()).toBeNull();
  await page.keyboard.press('f');
  await expect.poll(fullscreen).toBe('HTML');
  await expect(page.getByTestId('presenter')).toBeVisible();
  await page.keyboard.press('F');
  await expect.poll(fullscreen).toBeNull();
  await page.getByLabel('Presenter notes').fill('');
  await page.getByLabel('Presenter notes').press('f');
  await expect(page.getByLabel('Presenter notes')).toHaveValue('f');
  expect(await fullscreen()).toBeNull();
});

test('the reel can be edited, and the edit is kept with the session', async ({ page }) => {
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await openCommittee(page, SCOPER);
  const clips = page.getByTestId('reel-clip');
  const n = await clips.count();
  const second = await clips.nth(1).locator('.reel-caption').textContent();
  await page.getByRole('button', { name: 'Move clip 2 up' }).click();
  await expect(clips.nth(0).locator('.reel-caption')).toHaveText(second!);
  await page.getByRole('button', { name: 'Remove clip 3' }).click();
  await expect(clips).toHaveCount(n - 1);
  // Reloaded once the edit is stored (the page is aria-busy while a write is in flight).
  await expect(page.locator('html')).not.toHaveAttribute('aria-busy', 'true');
  await page.reload();
  await expect(clips).toHaveCount(n - 1);
  await expect(clips.nth(0).locator('.reel-caption')).toHaveText(second!);
});

test("reviewers' annotations join the reel with their author's name", async ({ page }) => {
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  // A reviewer and an annotation as the panel stores them (schema v3), for the scoper sample.
  await page.evaluate(async (title) => {
    const dbh: IDBDatabase = await new Promise((res, rej) => {
      const req = indexedDB.open('baton');
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    const all = <T,>(store: string) => new Promise<T[]>((res) => {
      const r = dbh.transaction(store).objectStore(store).getAll();
      r.onsuccess = () => res(r.result as T[]);
    });
    const session = (await all<{ title: string; contentHash: string }>('sessions')).find((x) => x.title === title)!;
    const tx = dbh.transaction(['reviewers', 'annotations'], 'readwrite');
    tx.objectStore('reviewers').put({ id: 'r-e2e', name: 'Morgan Reviewer', initials: 'MR', colour: '#1f77b4', createdAt: 1 });
    tx.objectStore('annotations').put({ id: 'an-e2e', sessionHash: session.contentHash, reviewer: 'r-e2e', t0: 60_000, t1: 75_000, factor: 'edgecase', polarity: '-', note: 'Never asked about empty keys' });
    await new Promise((res) => (tx.oncomplete = res));
    dbh.close();
  }, SCOPER);
  await openCommittee(page, SCOPER);
  const clip = page.getByTestId('reel-clip').filter({ hasText: 'Never asked about empty keys' });
  await expect(clip).toHaveCount(1);
  await expect(clip).toContainText('Edge-case ownership −: Never asked about empty keys (Morgan Reviewer)');
  await expect(clip).toContainText('01:00–01:15');
});

test('an audience window follows the presenter over BroadcastChannel', async ({ page, context }) => {
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await openCommittee(page, SCOPER);
  const popup = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Audience window' }).click();
  const audience = await popup;
  await expect(audience.getByTestId('audience')).toBeVisible();
  await expect(audience.getByTestId('reel')).toHaveCount(0);
  await page.bringToFront();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const caption = await page.getByTestId('clip-caption').textContent();
  await expect(audience.getByTestId('clip-caption')).toHaveText(caption!);
  await page.keyboard.press('Space');
  await expect(audience.getByTestId('committee-clock')).toHaveText((await page.getByTestId('committee-clock').textContent())!);
  await audience.screenshot({ path: 'test-results/committee-audience.png' });
  // The room's view is as readable as the presenter's.
  await audience.setViewportSize({ width: 1920, height: 1080 });
  const texts = await textStyles(audience, '[data-testid="audience"]');
  expect(texts.length).toBeGreaterThan(10);
  expect(texts.filter((t) => t.size < 18 || (t.inReel && t.size < 24) || t.contrast < 7)).toEqual([]);
  await page.keyboard.press('b');
  await expect(audience.getByTestId('blackout')).toBeVisible();
});

const NAME = 'Philippa Wrenhaven';
const USER = 'pwrenhaven';

/** A session naming the candidate in ten places of different kinds. */
async function exposedArchive(): Promise<Buffer> {
  const s = generateSample('scoper');
  s.meta.id = 'exposed';
  s.meta.title = `${NAME} · rate limiter`;
  s.meta.candidate = { id: USER, displayName: NAME };
  s.meta.task = { title: `Task for ${NAME}`, statement: `Send questions to ${USER}@example.net` };
  const extra: SessionEvent[] = [
    { id: 'x1', t: 500, actor: 'candidate', kind: 'prompt', text: `I am Philippa. The repo is at /Users/${USER}/src/limiter` },
    { id: 'x2', t: 600, actor: 'agent', kind: 'response', text: `Hello WRENHAVEN, reading C:\\Users\\${USER}\\limiter` },
    { id: 'x3', t: 700, actor: 'agent', kind: 'command', cmd: 'whoami', cwd: `/home/${USER}`, exitCode: 0, stdout: `${USER}\n` },
    { id: 'x4', t: 800, actor: 'agent', kind: 'diff', path: `/home/${USER}/src/limiter.ts`, change: 'modified', before: 'a\n', after: `// ${NAME}\n` },
    { id: 'x5', t: 900, actor: 'candidate', kind: 'decision', question: `${USER}: which?`, options: ['a', 'b'], chosen: 'a', rationale: `Philippa prefers a` },
  ];
  s.events = [...s.events, ...extra].sort((a, b) => a.t - b.t);
  return Buffer.from(await writeArchiveToBytes({ ...s, createdAt: '2026-03-04T10:00:00.000Z' }));
}

const LEAK = /philippa|wrenhaven|example\.net/i;

test('candidate-blind (on by default) hides the name in the presenter, the report, the library and every replay pane; the PDF of the report has numbered pages and no line cut at a page edge', async ({ page, context }) => {
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await chooser).setFiles({ name: 'exposed.baton', mimeType: 'application/zip', buffer: await exposedArchive() });
  await expect(rows(page)).toHaveCount(5, { timeout: 30_000 });
  await openCommittee(page, `${NAME} · rate limiter`);
  const presenter = page.getByTestId('presenter');
  await expect(page.getByTestId('committee-candidate')).toHaveText(/^Candidate [A-Z][a-z]+ [A-Z][a-z]+$/);
  // The conversation holds the blinded prompt and response (they are the first messages).
  await expect(presenter).toContainText(`/Users/`);
  expect(await presenter.innerText()).not.toMatch(LEAK);
  expect(await page.title()).not.toMatch(LEAK);
  // Turning blind off shows the name: the check above can fail.
  await page.getByLabel('Candidate-blind').uncheck();
  await expect(page.getByTestId('committee-candidate')).toHaveText(NAME);
  await page.getByLabel('Candidate-blind').check();
  await expect(page.getByTestId('committee-candidate')).not.toHaveText(NAME);

  // The decision, recorded and written as a report.
  await page.getByRole('button', { name: 'Decision', exact: true }).click();
  await page.getByLabel('Hire', { exact: true }).check();
  await page.getByLabel('Rationale').fill(`Scoped before writing; ${NAME} asked for tests first.`);
  for (const [member, vote] of [['Ana', 'Hire'], ['Bo', 'No hire']] as const) {
    await page.getByRole('button', { name: 'Add a vote' }).click();
    const i = await page.locator('.decision-vote').count();
    await page.getByLabel(`Member ${i}`, { exact: true }).fill(member);
    await page.getByLabel(`Vote of member ${i}`).selectOption({ label: vote });
  }
  await page.getByRole('button', { name: 'Record decision' }).click();
  await expect(page.getByText('Decision recorded.')).toBeVisible();
  await page.screenshot({ path: 'test-results/committee-decision.png' });
  const exported = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export decision' }).click();
  const decisionFile = JSON.parse(readFileSync(await (await exported).path(), 'utf8')) as { format: string; outcome: string; votes: unknown[] };
  expect(decisionFile).toMatchObject({ format: 'baton-decision', outcome: 'hire', votes: [{ member: 'Ana', vote: 'hire' }, { member: 'Bo', vote: 'no-hire' }] });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save report (HTML)' }).click();
  const html = readFileSync(await (await download).path(), 'utf8');
  expect(html).not.toMatch(LEAK);
  expect(html).toContain('Bo voted No hire');
  expect(html).toMatch(/<p class="outcome">Hire<\/p>/);
  expect(html).toMatch(/href="http:\/\/127\.0\.0\.1:\d+\/#\/open\/[0-9a-f]{64}\?t=\d+"/);

  // The PDF: Chromium's own, with the options the desktop app passes to the same engine's printToPDF.
  const dir = mkdtempSync(join(tmpdir(), 'baton-report-pdf-'));
  const reportPage = await context.newPage();
  await reportPage.setContent(html);
  const pdf = await reportPage.pdf({ format: REPORT_PDF_OPTIONS.pageSize, preferCSSPageSize: REPORT_PDF_OPTIONS.preferCSSPageSize, printBackground: REPORT_PDF_OPTIONS.printBackground, displayHeaderFooter: REPORT_PDF_OPTIONS.displayHeaderFooter });
  writeFileSync(join(dir, 'report.pdf'), pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(dir, 'report.pdf')], { encoding: 'utf8' }))![1]);
  expect(pages).toBeGreaterThanOrEqual(2);
  const text = execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
  expect(text).not.toMatch(LEAK);
  expect(text).toContain(`Page 1 of ${pages}`);
  expect(text).toContain(`Page ${pages} of ${pages}`);
  // No text line crosses a page edge: every word's box (pdftotext -bbox) lies inside the page's
  // content box (margins 16 mm top, 18 mm bottom), the page-number footer aside.
  const MM = 72 / 25.4;
  const bbox = execFileSync('pdftotext', ['-bbox', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
  const pageBlocks = bbox.split('<page ').slice(1);
  expect(pageBlocks).toHaveLength(pages);
  pageBlocks.forEach((block, i) => {
    const height = Number(/height="([\d.]+)"/.exec(block)![1]);
    const [top, bottom] = [16 * MM - 0.5, height - 18 * MM + 0.5];
    const words = [...block.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ y0: Number(m[1]), y1: Number(m[2]), w: m[3]! }));
    const footer = words.filter((w) => w.y0 > bottom);
    expect(footer.map((w) => w.w).join(' '), `page ${i + 1} footer`).toBe(`Page ${i + 1} of ${pages}`);
    const outside = words.filter((w) => w.y0 <= bottom && (w.y0 < top || w.y1 > bottom));
    expect(outside, `page ${i + 1}`).toEqual([]);
  });
  // And drawn at 50 dpi, the bottom rows of every page's content box are blank.
  execFileSync('pdftoppm', ['-r', '50', '-gray', join(dir, 'report.pdf'), join(dir, 'p')]);
  const images = readdirSync(dir).filter((f) => f.endsWith('.pgm')).sort();
  expect(images).toHaveLength(pages);
  for (const f of images) {
    const buf = readFileSync(join(dir, f));
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 40).toString('latin1'))!;
    const [w, h] = [Number(header[1]), Number(header[2])];
    const px = buf.subarray(header[0].length);
    const dark = (y: number) => {
      let n = 0;
      for (let x = 0; x < w; x++) if (px[y * w + x]! < 200) n++;
      return n;
    };
    const edge = Math.floor(h - (18 * h) / 297);
    for (const y of [edge - 1, edge, edge + 1]) expect(dark(y), `${f} row ${y}`).toBe(0);
  }
  await reportPage.close();

  // The library shows the decision, and its own Candidate-blind switch hides the name there.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '← Sessions' }).click();
  const row = rows(page).filter({ has: page.getByTestId('decision-badge') });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('decision-badge')).toHaveText('Hire');
  await expect(page.getByTestId('library-scroll')).toContainText(NAME);
  await page.getByLabel('Candidate-blind').check();
  await expect(rows(page)).toHaveCount(5);
  expect(await page.getByTestId('library-scroll').innerText()).not.toMatch(LEAK);
  await expect(row).toContainText('Candidate ');

  // The replay follows the library's switch: every pane, the terminal and the diffs included.
  await row.getByRole('link').click();
  const replay = page.getByTestId('replay');
  await expect(replay).toBeVisible();
  await expect(page.getByTestId('replay-candidate')).toHaveText(/^Candidate [A-Z][a-z]+ [A-Z][a-z]+$/);
  await expect(page.getByRole('button', { name: 'Edit names' })).toHaveCount(0);
  // Seek past the extra events (the command, the diff) so the terminal and code panes show them.
  await page.keyboard.press('l');
  const shown: Record<string, string> = { Score: 'score-overall', Code: 'code-pane', Terminal: 'terminal-command', 'Task & info': 'replay-candidate' };
  for (const tab of ['Decisions', 'Score', 'Code', 'Terminal', 'Task & info']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    if (shown[tab]) await expect(page.getByTestId(shown[tab]).first()).toBeVisible();
    expect(await replay.innerText(), tab).not.toMatch(LEAK);
  }
  // The terminal lists the blinded command with its working folder under the pseudonym.
  await page.getByRole('tab', { name: 'Terminal' }).click();
  await expect(page.getByTestId('terminal-command').filter({ hasText: 'whoami' })).toBeVisible();
  expect(await replay.innerText()).not.toMatch(LEAK);
});
