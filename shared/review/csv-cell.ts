/**
 * CSV cells safe to open in a spreadsheet (OWASP "CSV Injection"): a text cell that starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel, LibreOffice
 * and Google Sheets, so it is written with a leading apostrophe (which they show as text)
 * and quoted. Plain numbers ("-1", "+2.5") are left alone: they are not formulas.
 *
 * Reading takes the apostrophe off again, so a file we wrote reads back as it was. To keep
 * that lossless, a value that already starts with apostrophes before such a character gets
 * one more on writing; reading always removes exactly one.
 */

/** Starts, after any apostrophes, with a character a spreadsheet reads as a formula. */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const ESCAPED = /^'+[=+\-@\t\r]/;

/** The value with a leading apostrophe when a spreadsheet would run it as a formula. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) && !NUMBER.test(value) ? `'${value}` : value;
}

/** Undoes neutraliseFormula. */
export function restoreFormula(value: string): string {
  return ESCAPED.test(value) ? value.slice(1) : value;
}

/** One CSV field (RFC 4180): neutralised, then quoted when it holds a quote, comma, line break, edge space or an apostrophe we added. */
export function csvCell(value: string): string {
  const safe = neutraliseFormula(value);
  return safe !== value || /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}
