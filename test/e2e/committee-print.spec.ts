/**
 * The web build's print path for the decision record: one click (Report as PDF) writes the
 * report into a new window and calls print() on that window, once the report is written; the
 * report's print CSS keeps sections whole, never breaks inside a table row, repeats table
 * headers and numbers the pages. The browser's print dialog cannot be driven headless, so
 * print() is replaced by a spy (installed with addInitScript around window.open).
 */
import { expect, test } from '@playwright/test';
import { openCommittee, rows, SCOPER } from './helpers';

test.use({ viewport: { width: 1920, height: 1080 } });

interface PrintCall {
  onPopup: boolean;
  readyState: string;
  title: string;
  h1: string;
  hasDecision: boolean;
}

test('Report as PDF (web build) writes the decision record into a new window and prints that window once; its print CSS breaks between sections, never inside a table row', async ({ page }) => {
  await page.addInitScript(() => {
    const calls: PrintCall[] = [];
    (window as unknown as { __prints: PrintCall[] }).__prints = calls;
    const open = window.open.bind(window);
    window.open = (...args: Parameters<typeof window.open>) => {
      const popup = open(...args);
      if (popup) {
        popup.print = function (this: Window) {
          const d = popup.document;
          calls.push({ onPopup: this === popup, readyState: d.readyState, title: d.title, h1: d.querySelector('h1')?.textContent ?? '', hasDecision: /<p class="outcome">No hire<\/p>/.test(d.documentElement.outerHTML) });
        };
      }
      return popup;
    };
  });
  await page.goto('/');
  await expect(rows(page)).toHaveCount(4);
  await openCommittee(page, SCOPER);
  await page.getByRole('button', { name: 'Decision', exact: true }).click();
  await page.getByLabel('No hire', { exact: true }).check();
  await page.getByLabel('Rationale').fill('Did not test the burst case.');
  await page.getByRole('button', { name: 'Record decision' }).click();
  await expect(page.getByText('Decision recorded.')).toBeVisible();

  const popupEvent = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Report as PDF' }).click();
  const report = await popupEvent;
  const calls = await page.evaluate(() => (window as unknown as { __prints: PrintCall[] }).__prints);
  expect(calls).toHaveLength(1);
  const [call] = calls;
  expect(call).toMatchObject({ onPopup: true, readyState: 'complete', hasDecision: true });
  expect(call!.h1).toMatch(/^Decision record/);
  expect(call!.title).toBe(call!.h1);
  // The record is the popup's document, whole: the sections a committee reads.
  await expect(report.locator('h2')).not.toHaveCount(0);
  await expect(report.locator('tr').first()).toBeAttached();

  // The CSS that applies when printing.
  await report.emulateMedia({ media: 'print' });
  const css = await report.evaluate(() => {
    const all = <T extends Element>(sel: string) => [...document.querySelectorAll<T>(sel)];
    const cs = (el: Element) => getComputedStyle(el);
    const pageRules = [...document.styleSheets].flatMap((s) => [...s.cssRules]).filter((r) => r instanceof CSSPageRule);
    return {
      rows: all('tr').length,
      rowBreaks: [...new Set(all('tr').map((e) => cs(e).breakInside))],
      sections: all('section:not(.long)').length,
      sectionBreaks: [...new Set(all('section:not(.long)').map((e) => cs(e).breakInside))],
      longSectionBreaks: [...new Set(all('section.long').map((e) => cs(e).breakInside))],
      headingBreaks: [...new Set(all('h2, h3').map((e) => cs(e).breakAfter))],
      theadDisplay: [...new Set(all('thead').map((e) => cs(e).display))],
      bodyMaxWidth: cs(document.body).maxWidth,
      pageRule: pageRules.map((r) => r.cssText).join('\n'),
    };
  });
  expect(css.rows).toBeGreaterThan(5);
  expect(css.rowBreaks).toEqual(['avoid']);
  expect(css.sections).toBeGreaterThan(2);
  expect(css.sectionBreaks).toEqual(['avoid-page']);
  expect(css.longSectionBreaks).toEqual(['auto']);
  expect(css.headingBreaks).toEqual(['avoid']);
  expect(css.theadDisplay).toEqual(['table-header-group']);
  expect(css.bodyMaxWidth).toBe('none');
  expect(css.pageRule).toMatch(/size: a4/i);
  expect(css.pageRule).toMatch(/@bottom-center \{ content: "Page " counter\(page\) " of " counter\(pages\)/);
});
