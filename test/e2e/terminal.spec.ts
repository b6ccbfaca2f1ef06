import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { DEFAULT_SAMPLE_SEED, generateSample } from '../../shared/samples';
import { generateCast } from '../fixtures/cast';
import { FIXTURE_DIR } from './global-setup';

async function openTerminalTab(page: Page) {
  await page.getByRole('tab', { name: 'Terminal' }).click();
  await expect(page.getByTestId('terminal-pane')).toBeVisible();
}

test('the terminal lists commands with exit codes and shows the current command output', async ({ page }) => {
  const sample = generateSample('thrasher', DEFAULT_SAMPLE_SEED);
  const commands = sample.events.filter((e) => e.kind === 'command');
  const failing = commands.find((c) => c.kind === 'command' && c.exitCode !== 0)!;
  if (failing.kind !== 'command' || typeof failing.stdout !== 'string') throw new Error('sample changed');
  await page.goto('/');
  await page.getByTestId('session-row').filter({ hasText: 'Retrying HTTP client' }).getByRole('link').click();
  await openTerminalTab(page);
  await expect(page.getByTestId('terminal-command')).toHaveCount(commands.length);
  await page.locator(`[data-testid="terminal-command"][data-event-id="${failing.id}"]`).click();
  await expect(page.locator(`[data-testid="terminal-command"][data-event-id="${failing.id}"]`)).toHaveAttribute('aria-current', 'true');
  await expect(page.locator(`[data-testid="terminal-command"][data-event-id="${failing.id}"]`)).toContainText(`exit ${failing.exitCode}`);
  // The output, as a reviewer reads it in the terminal (ANSI colours stripped by rendering).
  // eslint-disable-next-line no-control-regex -- stripping ANSI colour codes
  const firstLine = failing.stdout.replace(/\x1b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim().length > 8)!.trim();
  await expect(page.getByTestId('terminal-screen')).toContainText(`$ ${failing.cmd}`);
  await expect(page.getByTestId('terminal-screen')).toContainText(firstLine.slice(0, 40));
});

test('an asciinema recording plays in the terminal in step with the clock, forwards and back', async ({ page }) => {
  const cast = generateCast({ steps: 30 });
  await page.goto('/');
  await expect(page.getByTestId('session-row')).toHaveCount(4);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await chooser).setFiles(join(FIXTURE_DIR, 'build-and-test.cast'));
  await expect(page.getByTestId('session-row')).toHaveCount(5);
  await page.getByTestId('session-row').filter({ hasText: 'build and test' }).getByRole('link').click();
  // A session that is only a terminal opens on its terminal, in the conversation's place; no
  // empty conversation, and no Terminal tab hidden behind Score.
  await expect(page.getByTestId('main-terminal').getByTestId('terminal-pane')).toBeVisible();
  await expect(page.getByText('No prompts or responses in this session')).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Terminal' })).toHaveCount(0);
  const screen = page.getByTestId('terminal-screen');
  await expect(screen).toHaveAttribute('data-cast', 'ready');
  const id = decodeURIComponent(/#\/session\/([^?]+)/.exec(page.url())![1]!);
  const seekTo = async (ms: number) => page.evaluate((h) => (window.location.hash = h), `#/session/${encodeURIComponent(id)}?t=${Math.round(ms)}`);
  // Just after step 25 finished: its line is on screen, step 26's is not yet.
  await seekTo(cast.stepTimes[25]! * 1000 + 60);
  await expect(screen).toContainText('step 25 done');
  await expect(screen).not.toContainText('step 26 done');
  await page.screenshot({ path: 'test-results/layout/terminal-main.png' });
  // Back to step 3 (before the first clear screen): the screen shows that moment again.
  await seekTo(cast.stepTimes[3]! * 1000 + 60);
  await expect(screen).toContainText('step 3 done');
  await expect(screen).not.toContainText('step 25 done');
  await expect(screen).not.toContainText('step 4 done');
});

/** Whether `ch` draws differently from a character no font has (an empty box), in `font`. */
async function glyphDiffersFromMissing(page: Page, ch: string, selector: string): Promise<{ family: string; differs: boolean; ink: number }> {
  return page.evaluate(
    async ([ch, selector]) => {
      const family = getComputedStyle(document.querySelector(selector)!).fontFamily;
      await document.fonts.load(`32px ${family}`, ch);
      const draw = (c: string) => {
        const canvas = document.createElement('canvas');
        canvas.width = 64;
        canvas.height = 64;
        const ctx = canvas.getContext('2d')!;
        ctx.font = `32px ${family}`;
        ctx.fillStyle = '#000';
        ctx.fillText(c, 8, 40);
        return ctx.getImageData(0, 0, 64, 64).data;
      };
      const a = draw(ch);
      const missing = draw('\uE000');
      let diff = 0;
      let ink = 0;
      for (let i = 3; i < a.length; i += 4) {
        if (a[i] !== missing[i]) diff++;
        if (a[i]! > 0) ink++;
      }
      return { family, differs: diff > 20, ink };
    },
    [ch, selector] as const,
  );
}

test('agent UI symbols in a terminal recording render as glyphs, not empty boxes', async ({ page }) => {
  const header = JSON.stringify({ version: 2, width: 60, height: 12, timestamp: 1770000000, title: 'symbols' });
  const out = '⏺ Read(src/app.ts)\r\n  ⎿  Read 10 lines\r\n⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯\r\n⏵⏵ accept edits ⏸\r\n';
  const cast = `${header}\n${JSON.stringify([0.2, 'o', out])}\n${JSON.stringify([1.0, 'o', 'done\r\n'])}\n`;
  await page.goto('/');
  await expect(page.getByTestId('session-row')).toHaveCount(4);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await chooser).setFiles({ name: 'symbols.cast', mimeType: 'application/x-asciicast', buffer: Buffer.from(cast) });
  await expect(page.getByTestId('session-row')).toHaveCount(5);
  await page.getByTestId('session-row').filter({ hasText: 'symbols' }).getByRole('link').click();
  const screen = page.getByTestId('terminal-screen');
  await expect(screen).toHaveAttribute('data-cast', 'ready');
  await page.keyboard.press('End');
  await expect(screen).toContainText('⎿  Read 10 lines');
  await page.getByTestId('main-terminal').screenshot({ path: 'test-results/layout/terminal-symbols.png' });
  for (const ch of ['⎯', '⎿', '⏺', '⏵', '⏸']) {
    const r = await glyphDiffersFromMissing(page, ch, '[data-testid="terminal-screen"] .xterm-rows');
    expect(r.differs, `${ch} (U+${ch.codePointAt(0)!.toString(16).toUpperCase()}) in ${r.family} draws a glyph, not the missing-glyph box`).toBe(true);
    expect(r.ink).toBeGreaterThan(10);
  }
});
