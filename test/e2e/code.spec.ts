import { expect, test, type Locator, type Page } from '@playwright/test';
import { createTwoFilesPatch } from 'diff';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import type { EventOf, SessionEvent } from '../../shared/model/schema';
import { DEFAULT_SAMPLE_SEED, generateSample } from '../../shared/samples';
import { fixtureMeta } from '../fixtures/archives';
import { importFile, openSample, rows, SCOPER } from './helpers';

type Diff = EventOf<'diff'>;

async function openCodeTab(page: Page) {
  await page.getByRole('tab', { name: 'Code' }).click();
  await expect(page.getByTestId('code-pane')).toBeVisible();
}

/** Imports a session made by code through the Import button and opens its Code tab. */
async function importAndOpen(page: Page, events: SessionEvent[], title: string, durationMs: number) {
  const bytes = await writeArchiveToBytes({ meta: { ...fixtureMeta(title.toLowerCase().replace(/\W+/g, '-'), title), durationMs }, events, createdAt: '2026-03-04T10:00:00.000Z' });
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await importFile(page, 'session.baton', bytes, 5);
  await rows(page).filter({ hasText: title }).getByRole('link').click();
  await expect(page.getByTestId('replay')).toBeVisible();
  await openCodeTab(page);
}

/** Seeks by clicking the event in the event list, filtered to diffs so the row is rendered. */
async function clickDiffEvent(page: Page, id: string) {
  const chip = page.getByTestId('replay-events').getByRole('button', { name: 'diff', exact: true });
  if ((await chip.getAttribute('aria-pressed')) !== 'true') await chip.click();
  await page.locator(`[data-testid="replay-event"][data-event-id="${id}"]`).click();
  await expect(page.locator('[data-testid="replay-event"][aria-current="true"]')).toHaveAttribute('data-event-id', id);
}

/** Whitespace-insensitive text, as Monaco renders lines: wrapped, spaces as no-break spaces or dots. */
const squash = (t: string) => t.replace(/[\u00a0\u00b7]/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * Text of a Monaco layer's children in screen order. Monaco positions lines absolutely and
 * reuses their DOM nodes, so document order is not reading order.
 */
function inScreenOrder(layer: Element): string {
  return [...layer.children]
    .map((c) => ({ top: parseFloat((c as HTMLElement).style.top) || 0, text: (c as HTMLElement).innerText }))
    .sort((a, b) => a.top - b.top)
    .map((c) => c.text)
    .join('\n');
}

/** The text Monaco renders for the modified side, squashed. */
function modifiedText(page: Page): Promise<string> {
  return page.locator('[data-testid="code-editor"] .editor.modified .view-lines:not(.line-delete)').evaluate(inScreenOrder).then(squash);
}

const fileRow = (page: Page, path: string): Locator => page.locator(`[data-testid="code-file"][data-path="${path}"]`);

test('the Code pane follows the clock to a diff and shows it in Monaco', async ({ page }) => {
  const sample = generateSample('scoper', DEFAULT_SAMPLE_SEED);
  const edit = sample.events.find((e): e is Diff => e.id === 'e000041' && e.kind === 'diff')!;
  expect(edit.path).toBe('src/limiter/token-bucket.ts');
  const beforeLines = new Set(edit.before!.split('\n'));
  const added = edit.after!.split('\n').filter((l) => !beforeLines.has(l) && l.trim().length > 20);
  expect(added.length).toBeGreaterThan(0);

  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content[- ]Security[- ]Policy/i.test(m.text())) problems.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  await openSample(page, SCOPER);
  await openCodeTab(page);
  await clickDiffEvent(page, 'e000041');

  const pane = page.getByTestId('code-pane');
  await expect(pane).toHaveAttribute('data-selected', edit.path);
  await expect(page.getByTestId('code-path')).toHaveText(edit.path);
  // Only the two files changed so far are known; the current one is highlighted.
  await expect(page.getByTestId('code-file')).toHaveCount(2);
  await expect(fileRow(page, edit.path)).toHaveAttribute('data-now', 'true');
  await expect(fileRow(page, edit.path)).toHaveAttribute('data-state', 'created');
  await expect(fileRow(page, 'test/limiter/token-bucket.test.ts')).not.toHaveAttribute('data-now', 'true');

  // Monaco shows the new lines with the diff computed (insertions marked). A file this small
  // is diffed on the main thread, in the seek's own task, not by a round trip to the worker.
  await expect.poll(() => modifiedText(page), { timeout: 20_000 }).toContain(squash(added[0]!));
  await expect(page.locator('[data-testid="code-editor"] .editor.modified .line-insert, [data-testid="code-editor"] .editor.modified .char-insert').first()).toBeAttached();
  const editor = page.getByTestId('code-editor');
  await expect(editor).toHaveAttribute('data-diff-source', 'main');
  // With Monaco's small-input diff replaced by the typed-array port (dp-diff.ts).
  await expect(editor).toHaveAttribute('data-diff-ported', 'true');
  // Answered here, or tried here and handed to the worker after the 20 ms budget (a cold
  // first diff on a busy CI machine can take that long).
  const tried = await editor.evaluate((el) => Number(el.dataset.diffSync) + Number(el.dataset.diffOverBudget));
  expect(tried).toBeGreaterThan(0);
  // The theme follows the system colour scheme, on the app's surface colour.
  const background = page.locator('[data-testid="code-editor"] .editor.modified .monaco-editor-background').first();
  await expect(background).toHaveCSS('background-color', 'rgb(255, 255, 255)');

  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: join('test-results', 'code-pane.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(background).toHaveCSS('background-color', 'rgb(23, 27, 33)');
  // Monaco's styles and font (and its worker, when a diff needs it) load under the app's Content-Security-Policy.
  expect(problems).toEqual([]);
  await page.screenshot({ path: join('test-results', 'code-pane-dark.png') });
});

test('side by side the original side shows its lines in full; inline, the deleted lines do', async ({ page }) => {
  const sample = generateSample('scoper', DEFAULT_SAMPLE_SEED);
  const edit = sample.events.find((e): e is Diff => e.id === 'e000041' && e.kind === 'diff')!;
  const afterLines = new Set(edit.after!.split('\n'));
  const removed = edit.before!.split('\n').find((l) => !afterLines.has(l) && l.trim().length > 25)!;
  expect(removed).toBeDefined();
  // Without any whitespace: a long line may wrap anywhere.
  const bare = (t: string) => t.replace(/[\s\u00a0\u00b7]/g, '');
  const original = () => page.locator('[data-testid="code-editor"] .editor.original .view-lines').evaluate(inScreenOrder).then(bare);
  const deleted = () => page.locator('[data-testid="code-editor"] .editor.modified .view-zones').evaluate(inScreenOrder).then(bare);
  // Wide enough for the side-by-side view.
  await page.setViewportSize({ width: 3000, height: 900 });
  await openSample(page, SCOPER);
  await openCodeTab(page);
  await clickDiffEvent(page, edit.id);
  await expect.poll(original, { timeout: 20_000 }).toContain(bare(removed));
  // Narrow: inline. The original editor is hidden behind its line numbers (its text is not
  // rendered then); the deleted lines show in full among the modified ones.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect.poll(deleted, { timeout: 20_000 }).toContain(bare(removed));
  await expect.poll(original).not.toContain(bare(removed));
  // Wide again, the way a window is dragged wider (several resizes in quick succession, which
  // Monaco on its own would answer with a "temporary" inline view that never ends while the
  // models stay the same): the two sides again, the original whole.
  await page.evaluate(() => {
    // The resize events a window manager sends while the edge is being dragged.
    for (let i = 0; i < 3; i++) window.dispatchEvent(new Event('resize'));
  });
  await page.setViewportSize({ width: 3000, height: 900 });
  await expect(page.locator('[data-testid="code-editor"] .monaco-diff-editor')).toHaveClass(/side-by-side/, { timeout: 10_000 });
  await expect.poll(original, { timeout: 20_000 }).toContain(bare(removed));
  // And a seek to another diff and back changes nothing about that.
  await clickDiffEvent(page, edit.id);
  await expect(page.locator('[data-testid="code-editor"] .monaco-diff-editor')).toHaveClass(/side-by-side/);
});

test('pinning a file keeps it while the replay moves on; modes show cumulative diffs', async ({ page }) => {
  const sample = generateSample('scoper', DEFAULT_SAMPLE_SEED);
  const created = sample.events.find((e): e is Diff => e.id === 'e000034' && e.kind === 'diff')!;
  await openSample(page, SCOPER);
  await openCodeTab(page);
  await clickDiffEvent(page, 'e000041');
  await expect(page.getByTestId('code-pane')).toHaveAttribute('data-selected', 'src/limiter/token-bucket.ts');

  // Pin the test file, then move to the next edit (a different file): the pin holds.
  await fileRow(page, 'test/limiter/token-bucket.test.ts').click();
  await expect(page.getByTestId('code-pane')).toHaveAttribute('data-selected', 'test/limiter/token-bucket.test.ts');
  await clickDiffEvent(page, 'e000048');
  await expect(page.getByTestId('code-pane')).toHaveAttribute('data-selected', 'test/limiter/token-bucket.test.ts');
  await expect(fileRow(page, 'src/middleware/rate-limit.ts')).toHaveAttribute('data-now', 'true');
  await expect(fileRow(page, 'src/middleware/rate-limit.ts')).toHaveAttribute('data-state', 'modified');
  // Back to following: the current change's file is selected.
  await page.getByTestId('code-follow').click();
  await expect(page.getByTestId('code-pane')).toHaveAttribute('data-selected', 'src/middleware/rate-limit.ts');

  // Since start, for the bucket (created at e000034 and edited at e000041): the whole file is new.
  await fileRow(page, 'src/limiter/token-bucket.ts').click();
  await page.getByRole('radio', { name: 'Since start' }).click();
  await expect(page.getByTestId('code-pane')).toHaveAttribute('data-mode', 'start');
  const firstLine = created.after!.split('\n')[0]!;
  await expect.poll(() => modifiedText(page), { timeout: 20_000 }).toContain(squash(firstLine));

  // Since event…: pick the creating event from the file's own changes.
  await page.getByRole('radio', { name: 'Since event…' }).click();
  const select = page.getByRole('combobox', { name: 'Show changes since event' });
  await expect(select.locator('option')).toHaveCount(2);
  // Option values are event indices in the replay's time order, the generator's order here.
  await select.selectOption(String(sample.events.indexOf(created)));
  await expect(page.getByTestId('code-pane')).toHaveAttribute('data-mode', 'since');
  await expect.poll(() => modifiedText(page)).toContain(squash(firstLine));
});

test('a patch that does not apply is shown as a banner with the raw patch', async ({ page }) => {
  const base = 'export function add(a: number, b: number) {\n  return a + b;\n}\n';
  const good = createTwoFilesPatch('a/src/math.ts', 'b/src/math.ts', base, base.replace('a + b', 'b + a'));
  const bad = createTwoFilesPatch('a/src/math.ts', 'b/src/math.ts', 'something else\nentirely\n', 'something else\nchanged\n');
  const events: SessionEvent[] = [
    { id: 'p1', t: 0, actor: 'candidate', kind: 'prompt', text: 'Write the math helper.' },
    { id: 'd1', t: 1000, actor: 'agent', kind: 'diff', path: 'src/math.ts', change: 'created', after: base },
    { id: 'd2', t: 2000, actor: 'agent', kind: 'diff', path: 'src/math.ts', change: 'modified', patch: good },
    { id: 'd3', t: 3000, actor: 'agent', kind: 'diff', path: 'src/math.ts', change: 'modified', patch: bad },
    { id: 'r1', t: 4000, actor: 'agent', kind: 'response', text: 'Done.' },
  ];
  await importAndOpen(page, events, 'Code pane bad patch', 5000);

  await clickDiffEvent(page, 'd2');
  await expect.poll(() => modifiedText(page), { timeout: 20_000 }).toContain('return b + a;');
  await expect(page.getByTestId('code-unapplied')).toHaveCount(0);

  await clickDiffEvent(page, 'd3');
  const banner = page.getByTestId('code-unapplied');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Patch did not apply');
  await expect(banner).toContainText('does not apply to the content known before it');
  await expect(page.getByTestId('code-raw-patch')).toContainText('+changed');
  await expect(page.getByTestId('code-editor')).toBeHidden();
  await expect(fileRow(page, 'src/math.ts')).toContainText('?');
  await page.screenshot({ path: join('test-results', 'code-pane-unapplied.png') });

  // Back to a good event: the diff returns, the banner goes.
  await clickDiffEvent(page, 'd2');
  await expect(page.getByTestId('code-unapplied')).toHaveCount(0);
  await expect(page.getByTestId('code-editor')).toBeVisible();
});

test('a diff reached after many seeks looks exactly like the same diff opened fresh', async ({ page }) => {
  // Opens the session twice and waits for Monaco to settle twice: on two cores shared with
  // other work (load 10-20) this alone took longer than the default 60 s.
  test.slow();
  const sample = generateSample('scoper', DEFAULT_SAMPLE_SEED);
  const diffs = sample.events.filter((e): e is Diff => e.kind === 'diff');
  expect(diffs.length).toBeGreaterThan(5);
  const target = diffs[Math.floor(diffs.length / 2)]!;
  // What the editor shows once the diff for the current event is ready: the rendered lines,
  // the inserted and deleted lines and characters, and the folded-lines bars.
  const editor = page.getByTestId('code-editor');
  // The modified side only: at this width the diff is inline and the original editor, which
  // Monaco keeps hidden, renders however much it likes.
  const read = () =>
    editor.evaluate((el) => {
      // As inScreenOrder (a function passed to the page cannot call another).
      const order = (layer: Element) =>
        [...layer.children]
          .map((c) => ({ top: parseFloat((c as HTMLElement).style.top) || 0, text: (c as HTMLElement).innerText }))
          .sort((a, b) => a.top - b.top)
          .map((c) => c.text)
          .join('\n');
      const side = el.querySelector('.editor.modified')!;
      // Lines and text, not token spans: how soon Monaco colours the deleted lines varies.
      return {
        shown: el.dataset.shown,
        inserted: side.querySelectorAll('.line-insert').length,
        deleted: order(side.querySelector('.view-zones')!),
        folded: [...side.querySelectorAll('.diff-hidden-lines')].map((x) => x.textContent).join('|'),
        text: order(side.querySelector('.view-lines:not(.line-delete)')!),
      };
    });
  type State = Awaited<ReturnType<typeof read>>;
  /** Once the diff is ready and Monaco has finished rendering it: two reads in a row agree (no fixed sleep). */
  const state = async (): Promise<State> => {
    await expect.poll(() => editor.evaluate((el) => Boolean(el.dataset.shown) && el.dataset.diffReady === el.dataset.shown), { timeout: 20_000 }).toBe(true);
    let prev = await read();
    await expect
      .poll(
        async () => {
          const cur = await read();
          const same = JSON.stringify(cur) === JSON.stringify(prev);
          prev = cur;
          return same;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    return prev;
  };
  const seek = (t: number) => page.evaluate((t) => (window as unknown as { __batonReplay: { clock: { seek(t: number): void } } }).__batonReplay.clock.seek(t), t);

  // The editor reuses its text models from one diff to the next; Monaco reports any fault
  // in that as an uncaught error.
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await openSample(page, SCOPER);
  await openCodeTab(page);
  // ?bench exposes the replay clock to the page, so the test can seek without waiting.
  const hash = new URL(page.url()).hash;
  await page.goto(`/?bench=1${hash}`);
  await expect(page.getByTestId('code-pane')).toBeVisible();
  await page.waitForFunction(() => Boolean((window as unknown as { __batonReplay?: unknown }).__batonReplay));
  // Every other diff of the session, back and forth, without waiting in between.
  for (const d of [...diffs].reverse()) await seek(d.t);
  for (const d of diffs) await seek(d.t);
  await seek(target.t);
  const after = await state();
  expect(after.shown).toContain(target.path);

  await page.reload();
  await expect(page.getByTestId('code-pane')).toBeVisible();
  await page.waitForFunction(() => Boolean((window as unknown as { __batonReplay?: unknown }).__batonReplay));
  await seek(target.t);
  await state();
  await expect.poll(read, { timeout: 20_000 }).toEqual(after);
  expect(errors).toEqual([]);
});

test('the file tree brings the followed file into view when it changes, and otherwise stays where the reviewer scrolled it', async ({ page }) => {
  // Sixty files, created one a second, then a response every second: the followed file stays
  // the last one created while the clock runs on.
  const events: SessionEvent[] = [{ id: 'p1', t: 0, actor: 'candidate', kind: 'prompt', text: 'Make the files.' }];
  for (let i = 1; i <= 60; i++) {
    const n = String(i).padStart(2, '0');
    events.push({ id: `d${n}`, t: i * 1000, actor: 'agent', kind: 'diff', path: `src/f${n}.ts`, change: 'created', after: `export const f${n} = ${i};\n` });
  }
  for (let i = 61; i <= 90; i++) events.push({ id: `r${i}`, t: i * 1000, actor: 'agent', kind: 'response', text: `Still going (${i}).` });
  await importAndOpen(page, events, 'Code pane many files', 91_000);

  // Seek as a pasted link does: through the time in the URL.
  const seekTo = (ms: number) => page.evaluate((ms) => (location.hash = location.hash.replace(/(\?t=\d+)?$/, `?t=${ms}`)), ms);
  await seekTo(60_000);
  const last = fileRow(page, 'src/f60.ts');
  await expect(last).toHaveAttribute('aria-current', 'true');
  await expect(last).toBeInViewport();
  // The reviewer scrolls the tree to its top and the replay plays on past the last file.
  const tree = page.locator('.code-tree');
  await tree.hover();
  await page.mouse.wheel(0, -100_000);
  await expect(fileRow(page, 'src/f01.ts')).toBeInViewport();
  await page.getByRole('combobox', { name: 'Playback speed' }).selectOption('8');
  await page.getByTestId('play').click();
  // It plays to the end and stops by itself (no click racing the clock on a busy machine).
  await expect(page.getByTestId('play')).toHaveAttribute('aria-label', 'Pause');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-label', 'Play', { timeout: 30_000 });
  await expect(page.getByTestId('clock-time')).toHaveText(/^\s*01:31\s*\//);
  await expect(fileRow(page, 'src/f01.ts')).toBeInViewport();
  await expect(last).not.toBeInViewport();
  // Another file becomes the followed one: the tree shows it.
  await seekTo(30_000);
  await expect(fileRow(page, 'src/f30.ts')).toHaveAttribute('aria-current', 'true');
  await expect(fileRow(page, 'src/f30.ts')).toBeInViewport();
});

test('moving between long files with folded lines shows each diff folded afresh, with no errors', async ({ page }) => {
  // Two 120-line files, each changed in the middle and again near the end, so both sides of
  // each diff have folded (hidden) lines. The pane reuses its editor's text models from one
  // diff to the next; the folds of one file must never leak into another, and Monaco must
  // not trip over the previous file's folds when the text is replaced (it throws if it does).
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  const file = (name: string, edits: Record<number, string>) =>
    Array.from({ length: 120 }, (_, i) => edits[i + 1] ?? `export const ${name}${i + 1} = ${i + 1}; // line ${i + 1} of ${name}`).join('\n') + '\n';
  const a0 = file('a', {});
  const a1 = file('a', { 60: 'export const a60 = "changed";' });
  const b0 = file('b', {});
  const b1 = file('b', { 30: 'export const b30 = "changed";', 100: 'export const b100 = "changed too";' });
  const c0 = file('c', {});
  const c1 = file('c', Object.fromEntries(Array.from({ length: 12 }, (_, k) => [10 * (k + 1), `export const c${10 * (k + 1)} = "changed";`])));
  const events: SessionEvent[] = [
    { id: 'p1', t: 0, actor: 'candidate', kind: 'prompt', text: 'Edit both files.' },
    { id: 'da0', t: 1000, actor: 'agent', kind: 'diff', path: 'src/a.ts', change: 'created', after: a0 },
    { id: 'db0', t: 2000, actor: 'agent', kind: 'diff', path: 'src/b.py', change: 'created', after: b0 },
    { id: 'da1', t: 3000, actor: 'agent', kind: 'diff', path: 'src/a.ts', change: 'modified', before: a0, after: a1 },
    { id: 'db1', t: 4000, actor: 'agent', kind: 'diff', path: 'src/b.py', change: 'modified', before: b0, after: b1 },
    // A file changed every tenth line: a diff taller than the editor, which the reviewer scrolls.
    { id: 'dc0', t: 5000, actor: 'agent', kind: 'diff', path: 'src/c.ts', change: 'created', after: c0 },
    { id: 'dc1', t: 6000, actor: 'agent', kind: 'diff', path: 'src/c.ts', change: 'modified', before: c0, after: c1 },
  ];
  await importAndOpen(page, events, 'Code pane long files', 7000);
  const folded = () => page.locator('[data-testid="code-editor"] .editor.modified .diff-hidden-lines').allTextContents();
  const seekTo = (ms: number) => page.evaluate((ms) => (location.hash = location.hash.replace(/(\?t=\d+)?$/, `?t=${ms}`)), ms);

  for (let round = 0; round < 3; round++) {
    await seekTo(3000);
    await expect(page.getByTestId('code-path')).toHaveText('src/a.ts');
    // 121 lines (the last one empty), one change at line 60 and three lines of context each
    // side: lines 1–56 and 64–121 are folded.
    await expect.poll(folded).toEqual(['56 hidden lines', '58 hidden lines']);
    await expect.poll(() => modifiedText(page)).toContain('export const a60 = "changed";');
    await seekTo(4000);
    await expect(page.getByTestId('code-path')).toHaveText('src/b.py');
    // Changes at lines 30 and 100: lines 1–26, 34–96 and 104–121 are folded, none of a.ts's.
    await expect.poll(folded).toEqual(['26 hidden lines', '63 hidden lines', '18 hidden lines']);
    await expect.poll(() => modifiedText(page)).toContain('export const b30 = "changed"; export const b31 = 31;');
    await seekTo(6000);
    await expect(page.getByTestId('code-path')).toHaveText('src/c.ts');
    await expect.poll(() => modifiedText(page)).toContain('export const c10 = "changed";');
    await page.locator('[data-testid="code-editor"] .editor.modified .view-lines:not(.line-delete)').click();
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await expect.poll(() => modifiedText(page)).not.toContain('export const c10 = "changed";');
  }
  expect(errors).toEqual([]);
});
