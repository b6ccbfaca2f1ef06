/**
 * Style "narrator": a solid, compact session with think-aloud narration. The candidate talks
 * through what they check and why; narration events carry the spoken text and its span.
 * The session is short (a few minutes) so the committed narration audio stays small.
 * Task: year rollover and impossible days in a date-range parser.
 */
import type { Recorder } from './recorder';
import { vitestReport, type TestCase } from './terminal';
import { src, swap } from './text';
import type { StyleScript } from './types';

const PARSER_V0 = src`
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export interface DateRange {
  start: Date;
  /** Inclusive. */
  end: Date;
}

function month(token: string): number {
  const i = MONTHS.indexOf(token.slice(0, 3).toLowerCase());
  if (i === -1) throw new SyntaxError(\`unknown month "\${token}"\`);
  return i;
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

/**
 * Parses "Mar 3-7", "Mar 30 – Apr 2" and "2026-03-01..2026-03-05" into an inclusive UTC range.
 * \`year\` is used when the text has none.
 */
export function parseDateRange(text: string, year: number): DateRange {
  const iso = /^(\d{4})-(\d{2})-(\d{2})\s*\.\.\s*(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (iso) {
    const [y1, m1, d1, y2, m2, d2] = iso.slice(1).map(Number) as [number, number, number, number, number, number];
    return { start: utc(y1, m1 - 1, d1), end: utc(y2, m2 - 1, d2) };
  }
  const m = /^([a-z]+)\s+(\d{1,2})\s*[-–]\s*(?:([a-z]+)\s+)?(\d{1,2})$/i.exec(text.trim());
  if (!m) throw new SyntaxError(\`not a date range: "\${text}"\`);
  const startMonth = month(m[1]!);
  const endMonth = m[3] ? month(m[3]) : startMonth;
  return { start: utc(year, startMonth, Number(m[2])), end: utc(year, endMonth, Number(m[4])) };
}
`;

const PARSER_V1 = src`
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export interface DateRange {
  start: Date;
  /** Inclusive. */
  end: Date;
}

function month(token: string): number {
  const i = MONTHS.indexOf(token.slice(0, 3).toLowerCase());
  if (i === -1) throw new SyntaxError(\`unknown month "\${token}"\`);
  return i;
}

/** UTC midnight of a real calendar day; Date.UTC would silently turn Feb 30 into Mar 2. */
function day(y: number, m: number, d: number): Date {
  const date = new Date(Date.UTC(y, m, d));
  if (date.getUTCMonth() !== m || date.getUTCDate() !== d) {
    throw new RangeError(\`no such day: \${MONTHS[m]} \${d}, \${y}\`);
  }
  return date;
}

function ordered(range: DateRange, text: string): DateRange {
  if (range.end < range.start) throw new RangeError(\`range ends before it starts: "\${text}"\`);
  return range;
}

/**
 * Parses "Mar 3-7", "Mar 30 – Apr 2", "Dec 28 – Jan 3" and "2026-03-01..2026-03-05" into an
 * inclusive UTC range. \`year\` is the year of the start when the text has none.
 */
export function parseDateRange(text: string, year: number): DateRange {
  const iso = /^(\d{4})-(\d{2})-(\d{2})\s*\.\.\s*(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (iso) {
    const [y1, m1, d1, y2, m2, d2] = iso.slice(1).map(Number) as [number, number, number, number, number, number];
    return ordered({ start: day(y1, m1 - 1, d1), end: day(y2, m2 - 1, d2) }, text);
  }
  const m = /^([a-z]+)\s+(\d{1,2})\s*[-–]\s*(?:([a-z]+)\s+)?(\d{1,2})$/i.exec(text.trim());
  if (!m) throw new SyntaxError(\`not a date range: "\${text}"\`);
  const startMonth = month(m[1]!);
  const endMonth = m[3] ? month(m[3]) : startMonth;
  // An end month before the start month ("Dec 28 – Jan 3") is in the following year.
  const endYear = endMonth < startMonth ? year + 1 : year;
  return ordered({ start: day(year, startMonth, Number(m[2])), end: day(endYear, endMonth, Number(m[4])) }, text);
}
`;

const TEST_V0 = src`
import { describe, expect, it } from 'vitest';
import { parseDateRange } from '../../src/dates/parse-range';

const d = (iso: string) => new Date(\`\${iso}T00:00:00Z\`);

describe('parseDateRange', () => {
  it('parses a range within one month', () => {
    expect(parseDateRange('Mar 3-7', 2026)).toEqual({ start: d('2026-03-03'), end: d('2026-03-07') });
  });

  it('parses a range across months', () => {
    expect(parseDateRange('Mar 30 – Apr 2', 2026)).toEqual({ start: d('2026-03-30'), end: d('2026-04-02') });
  });

  it('parses ISO ranges and ignores the default year', () => {
    expect(parseDateRange('2026-03-01..2026-03-05', 2000)).toEqual({ start: d('2026-03-01'), end: d('2026-03-05') });
  });
});
`;

const NEW_TESTS = src`

  it('rolls the end into the next year (Dec 28 – Jan 3)', () => {
    expect(parseDateRange('Dec 28 – Jan 3', 2026)).toEqual({ start: d('2026-12-28'), end: d('2027-01-03') });
  });

  it('rejects impossible days like Feb 30', () => {
    expect(() => parseDateRange('Feb 27-30', 2026)).toThrow(RangeError);
  });

  it('accepts Feb 29 in a leap year', () => {
    expect(parseDateRange('Feb 28-29', 2028)).toEqual({ start: d('2028-02-28'), end: d('2028-02-29') });
  });

  it('rejects a reversed range', () => {
    expect(() => parseDateRange('Mar 7-3', 2026)).toThrow(RangeError);
  });
});
`;

const TEST_V1 = swap(TEST_V0, /\n\}\);\n$/, '\n' + NEW_TESTS);

const TEST_PATH = 'test/dates/parse-range.test.ts';
const CMD = 'npx vitest run test/dates';

function cases(r: Recorder, failing: boolean): TestCase[] {
  const names = [
    'parses a range within one month',
    'parses a range across months',
    'parses ISO ranges and ignores the default year',
    'rolls the end into the next year (Dec 28 – Jan 3)',
    'rejects impossible days like Feb 30',
    'accepts Feb 29 in a leap year',
    'rejects a reversed range',
  ];
  const fails: Record<number, TestCase['fail']> = failing
    ? {
        3: {
          error: 'AssertionError: expected { start: 2026-12-28T00:00:00.000Z, …(1) } to deeply equal { start: 2026-12-28T00:00:00.000Z, …(1) }',
          expected: '  "end": 2027-01-03T00:00:00.000Z,',
          received: '  "end": 2026-01-03T00:00:00.000Z,',
          content: TEST_V1,
          needle: "expect(parseDateRange('Dec 28 – Jan 3', 2026))",
          caretAt: 'toEqual',
        },
        4: { error: 'AssertionError: expected [Function] to throw an error', content: TEST_V1, needle: "parseDateRange('Feb 27-30', 2026)", caretAt: 'toThrow' },
        6: { error: 'AssertionError: expected [Function] to throw an error', content: TEST_V1, needle: "parseDateRange('Mar 7-3', 2026)", caretAt: 'toThrow' },
      }
    : {};
  return names.map((n, i) => ({ name: `parseDateRange > ${n}`, ms: r.rng.int(0, 3), ...(fails[i] ? { fail: fails[i] } : {}) }));
}

export const narrator: StyleScript = {
  title: 'Date-range parser: year rollover and impossible days',
  cwd: '/home/dev/roster',
  branch: 'fix/date-range-rollover',
  statement: src`
# "Dec 28 – Jan 3" produces a range that ends before it starts

The shift planner lets people type ranges such as \`Mar 3-7\` or \`Dec 28 – Jan 3\`.
\`parseDateRange()\` in \`src/dates/parse-range.ts\` puts both ends in the same year, so a
range over New Year ends before it starts and the planner shows nothing.

Fix it so that:

- a range whose end month comes before its start month ends in the **following year**;
- days that don't exist (\`Feb 30\`) are **rejected**, not rolled over into the next month;
- existing formats keep working.

Think aloud while you work; the session is recorded with audio.
`,
  script(r: Recorder) {
    r.seed('src/dates/parse-range.ts', PARSER_V0);
    r.seed(TEST_PATH, TEST_V0);
    const test = (content: string, failing: boolean, actor: 'agent' | 'candidate' = 'agent') => {
      const c = cases(r, failing);
      const fileMs = c.reduce((s, x) => s + x.ms, 0) + 2;
      const total = fileMs + r.rng.int(380, 520);
      return r.test(CMD, 'vitest', vitestReport({ version: '3.2.4', cwd: r.opts.cwd, files: [{ path: TEST_PATH, cases: c, ms: fileMs }], startAt: r.clock(), totalMs: total }), total, actor);
    };

    r.marker('Recording started');
    r.wait(800, 0.1);
    r.narrate(
      'Okay. The bug report says December twenty-eighth to January third comes back with the end before the start. Before I ask for a fix, I want it to read the parser and tell me how the year gets picked.',
    );
    r.afterSpeech(600);
    r.prompt(src`
Read \`src/dates/parse-range.ts\` and its tests. Don't change anything yet: explain how the year is chosen for each end of a range like \`Dec 28 – Jan 3\`.
`);
    r.wait(1800, 0.15);
    r.read('src/dates/parse-range.ts');
    r.wait(300, 0.2);
    r.read(TEST_PATH);
    r.narrate('Good, it reads both files before answering.');
    r.wait(3500, 0.15);
    r.respond(src`
Both ends use the \`year\` argument: \`utc(year, startMonth, ...)\` and \`utc(year, endMonth, ...)\`. Nothing looks at the months relative to each other, so \`Dec 28 – Jan 3\` with \`year = 2026\` gives **2026-12-28 → 2026-01-03**: the end is almost a year before the start.

The ISO form (\`2026-12-28..2027-01-03\`) is unaffected because it carries explicit years. The existing tests only cover ranges inside one year.
`);
    r.afterSpeech(800);
    r.narrate(
      "Right, so both ends get the same year. That's the bug. But while I'm in here: Date dot UTC rolls impossible days over. February thirtieth would quietly become March second, and nobody would notice.",
      true,
    );
    r.wait(700, 0.2);
    r.prompt(src`
Two things in scope:

1. when the end month is earlier than the start month, the end is in the **next** year;
2. impossible days like \`Feb 30\` must throw a \`RangeError\` instead of rolling into March.

Tests first: the rollover case, \`Feb 30\`, \`Feb 29\` in a leap year (must still work), and a reversed range like \`Mar 7-3\`. Show me them failing before you touch the parser.
`);
    r.wait(1500, 0.2);
    r.thinking('Before changing what the function returns, check who calls parseDateRange and whether anyone depends on the current behaviour.');
    r.wait(900, 0.2);
    r.grep(
      'parseDateRange\\(',
      { path: 'src' },
      "src/planner/shift-form.ts:41:    const range = parseDateRange(input.value, today.getUTCFullYear());\nsrc/planner/import-ical.ts:88:      const span = parseDateRange(summaryDates, year);",
    );
    r.narrate(
      "Good, it's checking the callers first. Two of them, the shift form and the calendar import. Neither one expects the end before the start, so fixing this can't break them.",
    );
    r.wait(4000, 0.2);
    r.decision(
      'What should a reversed range such as "Mar 7-3" do?',
      ['throw a RangeError', 'swap the two ends', 'roll the end into the next month'],
      'throw a RangeError',
      'Guessing hides typos in what people type; the planner can show the error next to the field.',
    );
    r.narrate("A reversed range should be an error. Guessing would hide typos, and the planner can show a message next to the field.");
    r.wait(2500, 0.2);
    r.edit(TEST_PATH, TEST_V1);
    r.narrate("It's writing the tests first, like I asked. I'm checking that they use fixed years and not today's date, otherwise they'd rot.");
    r.wait(1500, 0.2);
    test(TEST_V1, true);
    r.afterSpeech(400);
    r.narrate("Three red, which is what I expected. The leap day one already passes. That's fine, it's there to keep the fix honest.", true);
    r.wait(1200, 0.2);
    r.respond(src`
3 failing as intended (rollover, \`Feb 30\`, reversed range); \`Feb 29\` in 2028 already passes. Now the parser: a \`day()\` helper that rejects dates \`Date.UTC\` had to normalise, an \`ordered()\` check, and the end year bumped when the end month is earlier.
`);
    r.wait(2500, 0.2);
    r.edit('src/dates/parse-range.ts', PARSER_V1);
    r.wait(1200, 0.2);
    test(TEST_V1, false);
    r.wait(1500, 0.2);
    r.respond(src`
All 7 tests pass. Changes in \`parse-range.ts\`:

- \`day(y, m, d)\` throws \`RangeError("no such day: feb 30, 2026")\` when \`Date.UTC\` rolls over;
- \`ordered()\` throws when the end is before the start, which covers \`Mar 7-3\` and bad ISO ranges;
- the end year is \`year + 1\` when the end month is earlier than the start month.
`);
    r.wait(6000, 0.2);
    r.test(
      'npm test',
      'vitest',
      vitestReport({
        version: '3.2.4',
        cwd: r.opts.cwd,
        files: [
          { path: TEST_PATH, passedCount: 7, ms: 6 },
          { path: 'test/planner/import-ical.test.ts', passedCount: 9, ms: 31 },
          { path: 'test/planner/shift-form.test.ts', passedCount: 12, ms: 48 },
        ],
        startAt: r.clock(),
        totalMs: 1210,
      }),
      1210,
      'candidate',
    );
    r.narrate('And the whole suite, not just this folder, because the planner tests go through the parser too. All green.', true);
    r.wait(1000, 0.2);
    r.narrate("Now I'll read the diff myself before committing. The ISO branch goes through the same day check now, and the errors name the input, good.", true);
    r.wait(800, 0.2);
    r.run('git diff --stat', { exitCode: 0, stdout: r.diffStat(), durationMs: 35 }, 'candidate');
    r.wait(1500, 0.2);
    r.narrate(
      "One thing I'm leaving out on purpose: time zones. Everything here is UTC, so I'll say that in the commit message instead of widening the change.",
      true,
    );
    r.wait(1000, 0.2);
    r.commit(
      'Roll date ranges over New Year; reject impossible days\n\n"Dec 28 – Jan 3" now ends in the following year, and days Date.UTC would\nnormalise (Feb 30) throw a RangeError. All dates remain UTC.',
      'candidate',
      'git commit -a',
    );
    r.wait(1200, 0.2);
    r.narrate('Committed. That one is done.', true);
    r.wait(600, 0.2);
    r.marker('Done');
    r.wait(1500, 0.1);
  },
};
