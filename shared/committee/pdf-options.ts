/**
 * How the decision record is printed to PDF, shared by the desktop app (Electron's
 * webContents.printToPDF) and the e2e test that renders the same HTML with Chromium's
 * Page.printToPDF and checks the pages. Page size, margins and the "Page 2 of 5" footer come
 * from the record's own @page rule (its @bottom-center margin box), hence preferCSSPageSize;
 * Chromium's own header and footer stay off, as they would print the date, the title and the
 * window's data: URL.
 */
export const REPORT_PDF_OPTIONS = {
  pageSize: 'A4',
  preferCSSPageSize: true,
  printBackground: true,
  displayHeaderFooter: false,
} as const;
