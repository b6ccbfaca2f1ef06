/**
 * Realistic terminal output for the sample sessions: test-runner reports with ANSI colours
 * whose counts match the test_run events, code frames taken from the real file contents,
 * and git output. Pure string building.
 */

const ESC = '\x1b[';
export const ansi = {
  bold: (s: string) => `${ESC}1m${s}${ESC}22m`,
  dim: (s: string) => `${ESC}2m${s}${ESC}22m`,
  inverse: (s: string) => `${ESC}7m${s}${ESC}27m`,
  red: (s: string) => `${ESC}31m${s}${ESC}39m`,
  green: (s: string) => `${ESC}32m${s}${ESC}39m`,
  yellow: (s: string) => `${ESC}33m${s}${ESC}39m`,
  cyan: (s: string) => `${ESC}36m${s}${ESC}39m`,
  gray: (s: string) => `${ESC}90m${s}${ESC}39m`,
  bgRed: (s: string) => `${ESC}41m${s}${ESC}49m`,
  reset: `${ESC}0m`,
};

/** 1-based number of the first line containing `needle`; throws when absent (keeps samples honest). */
export function lineOf(content: string, needle: string, from = 1): number {
  const lines = content.split('\n');
  for (let i = Math.max(0, from - 1); i < lines.length; i++) if (lines[i]!.includes(needle)) return i + 1;
  throw new Error(`sample content: "${needle}" not found`);
}

/** A vitest-style code frame around the line holding `needle`, caret under its first character. */
export function codeFrame(content: string, needle: string, caretAt?: string): { line: number; col: number; text: string } {
  const lines = content.split('\n');
  const line = lineOf(content, needle);
  const src = lines[line - 1]!;
  const col = src.indexOf(caretAt ?? needle) + 1;
  const width = String(Math.min(lines.length, line + 1)).length;
  const out: string[] = [];
  for (let n = Math.max(1, line - 2); n <= Math.min(lines.length, line + 1); n++) {
    out.push(ansi.gray(`    ${String(n).padStart(width)}|`) + ` ${lines[n - 1]}`);
    if (n === line) out.push(`    ${' '.repeat(width)}${ansi.gray('|')} ${' '.repeat(Math.max(0, col - 1))}${ansi.red('^')}`);
  }
  return { line, col, text: out.join('\n') };
}

export interface TestFailure {
  /** First line of the error, e.g. `AssertionError: expected +0 to be 1 // Object.is equality`. */
  error: string;
  expected?: string;
  received?: string;
  /** Content of the test file and a string on the failing line, for the code frame. */
  content: string;
  needle: string;
  caretAt?: string;
  extra?: string;
  /** Exception class pytest names on the location line; AssertionError by default. */
  type?: string;
}

export interface TestCase {
  name: string;
  ms: number;
  fail?: TestFailure;
}

export interface TestFile {
  path: string;
  /** Listed cases (shown when the file fails or is the focus). */
  cases?: TestCase[];
  /** Passing tests not listed one by one. */
  passedCount?: number;
  ms: number;
}

export interface RunOutput {
  stdout: string;
  stderr: string;
  passed: number;
  failed: number;
  exitCode: number;
}

const ANSI_RE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Text without its ANSI colour codes. */
export function stripAnsi(s: string): string {
  return s.replace(ANSI_RE, '');
}

function countFile(f: TestFile): { passed: number; failed: number } {
  const failed = (f.cases ?? []).filter((c) => c.fail).length;
  return { passed: (f.cases ?? []).length - failed + (f.passedCount ?? 0), failed };
}

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)}s` : `${Math.round(ms)}ms`;
}

/** `hh:mm:ss` (UTC) of an absolute epoch-ms time. */
export function clockTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(11, 19);
}

/** A `vitest run` report. Counts are derived from the cases, so the test_run event can reuse them. */
export function vitestReport(opts: { version: string; cwd: string; files: TestFile[]; startAt: string; totalMs: number }): RunOutput {
  const lines: string[] = ['', `${ansi.inverse(ansi.bold(ansi.cyan(' RUN ')))} ${ansi.cyan(`v${opts.version} `)}${ansi.gray(opts.cwd)}`, ''];
  let passed = 0;
  let failed = 0;
  let filesFailed = 0;
  const failures: { file: string; c: TestCase }[] = [];
  for (const f of opts.files) {
    const n = countFile(f);
    passed += n.passed;
    failed += n.failed;
    const total = n.passed + n.failed;
    if (n.failed) {
      filesFailed++;
      lines.push(` ${ansi.red('❯')} ${f.path} ${ansi.dim(`(${total} tests | `)}${ansi.red(`${n.failed} failed`)}${ansi.dim(')')}${ansi.gray(` ${fmtMs(f.ms)}`)}`);
      for (const c of f.cases ?? []) {
        if (c.fail) {
          lines.push(`   ${ansi.red('×')} ${c.name} ${ansi.gray(fmtMs(c.ms))}`);
          lines.push(`     ${ansi.red(`→ ${c.fail.error.replace(/^\w*Error: /, '')}`)}`);
          failures.push({ file: f.path, c });
        } else {
          lines.push(`   ${ansi.green('✓')} ${c.name} ${ansi.gray(fmtMs(c.ms))}`);
        }
      }
    } else {
      lines.push(` ${ansi.green('✓')} ${f.path} ${ansi.dim(`(${total} test${total === 1 ? '' : 's'})`)}${ansi.gray(` ${fmtMs(f.ms)}`)}`);
    }
  }
  if (failures.length) {
    lines.push('', ansi.red(ansi.bold(`⎯⎯⎯⎯⎯⎯⎯ Failed Tests ${failures.length} ⎯⎯⎯⎯⎯⎯⎯`)), '');
    failures.forEach(({ file, c }, i) => {
      const fail = c.fail!;
      const frame = codeFrame(fail.content, fail.needle, fail.caretAt);
      lines.push(`${ansi.bgRed(ansi.bold(' FAIL '))} ${file} ${ansi.dim('>')} ${c.name.split(' > ').join(ansi.dim(' > '))}`);
      lines.push(ansi.red(ansi.bold(fail.error)));
      if (fail.expected !== undefined && fail.received !== undefined) {
        lines.push('', ansi.green('- Expected'), ansi.red('+ Received'), '', ansi.green(`- ${fail.expected}`), ansi.red(`+ ${fail.received}`));
      }
      if (fail.extra) lines.push(fail.extra);
      lines.push('', ` ${ansi.cyan('❯')} ${file}:${frame.line}:${frame.col}`, frame.text, '');
      lines.push(ansi.red(ansi.dim(`⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯[${i + 1}/${failures.length}]⎯`)), '');
    });
  }
  const nFiles = opts.files.length;
  const filesLine = filesFailed
    ? `${ansi.bold(ansi.red(`${filesFailed} failed`))}${nFiles - filesFailed ? ansi.dim(' | ') + ansi.bold(ansi.green(`${nFiles - filesFailed} passed`)) : ''}`
    : ansi.bold(ansi.green(`${nFiles} passed`));
  const testsLine = failed
    ? `${ansi.bold(ansi.red(`${failed} failed`))}${passed ? ansi.dim(' | ') + ansi.bold(ansi.green(`${passed} passed`)) : ''}`
    : ansi.bold(ansi.green(`${passed} passed`));
  const t = opts.totalMs;
  lines.push(
    '',
    `${ansi.dim(' Test Files ')} ${filesLine}${ansi.gray(` (${nFiles})`)}`,
    `${ansi.dim('      Tests ')} ${testsLine}${ansi.gray(` (${passed + failed})`)}`,
    `${ansi.dim('   Start at ')} ${opts.startAt}`,
    `${ansi.dim('   Duration ')} ${fmtMs(t)}${ansi.dim(` (transform ${Math.round(t * 0.14)}ms, setup 0ms, collect ${Math.round(t * 0.31)}ms, tests ${Math.round(t * 0.22)}ms, environment 0ms, prepare ${Math.round(t * 0.09)}ms)`)}`,
    '',
  );
  return { stdout: lines.join('\n'), stderr: '', passed, failed, exitCode: failed ? 1 : 0 };
}

/** A pytest report with the usual colours. */
export function pytestReport(opts: { cwd: string; files: TestFile[]; seconds: number }): RunOutput {
  let passed = 0;
  let failed = 0;
  for (const f of opts.files) {
    const n = countFile(f);
    passed += n.passed;
    failed += n.failed;
  }
  const total = passed + failed;
  const bar = (label: string, colour: (s: string) => string, width = 80) => {
    const plain = stripAnsi(label);
    const pad = Math.max(2, width - plain.length - 2);
    const left = '='.repeat(Math.floor(pad / 2));
    const right = '='.repeat(Math.ceil(pad / 2));
    return colour(`${left} ${label} ${right}`);
  };
  const lines: string[] = [
    bar('test session starts', ansi.bold),
    'platform linux -- Python 3.12.3, pytest-8.3.4, pluggy-1.5.0',
    `rootdir: ${opts.cwd}`,
    'configfile: pyproject.toml',
    ansi.bold(`collected ${total} items`),
    '',
  ];
  let done = 0;
  const failures: { file: string; c: TestCase }[] = [];
  for (const f of opts.files) {
    let marks = '';
    let plain = 0;
    for (const c of f.cases ?? []) {
      marks += c.fail ? ansi.red('F') : ansi.green('.');
      plain++;
      if (c.fail) failures.push({ file: f.path, c });
    }
    for (let i = 0; i < (f.passedCount ?? 0); i++) {
      marks += ansi.green('.');
      plain++;
    }
    done += plain;
    const pct = `[${String(Math.round((done / total) * 100)).padStart(3)}%]`;
    const gap = Math.max(1, 80 - f.path.length - 1 - plain - pct.length);
    lines.push(`${f.path} ${marks}${' '.repeat(gap)}${(failed ? ansi.red : ansi.green)(pct)}`);
  }
  if (failures.length) {
    lines.push('', bar('FAILURES', (s) => s));
    for (const { file, c } of failures) {
      const fail = c.fail!;
      const fnLine = lineOf(fail.content, `def ${c.name}(`);
      const errLine = lineOf(fail.content, fail.needle, fnLine);
      const src = fail.content.split('\n');
      lines.push(ansi.red(ansi.bold(bar(c.name, (s) => s, 80).replace(/=/g, '_'))), '');
      for (let n = fnLine; n <= errLine; n++) lines.push(`${n === errLine ? '>   ' : '    '}${src[n - 1]}`);
      lines.push(ansi.red(ansi.bold(`E       ${fail.error}`)));
      if (fail.extra) for (const l of fail.extra.split('\n')) lines.push(ansi.red(ansi.bold(`E        ${l}`)));
      lines.push('', `${ansi.bold(file)}:${errLine}: ${fail.type ?? 'AssertionError'}`);
    }
    lines.push(bar('short test summary info', (s) => ansi.cyan(s)));
    for (const { file, c } of failures) lines.push(`${ansi.red('FAILED')} ${file}::${ansi.bold(c.name)} - ${c.fail!.error}`);
  }
  const summary = failed
    ? `${ansi.red(ansi.bold(`${failed} failed`))}, ${ansi.green(`${passed} passed`)}${ansi.red(` in ${opts.seconds.toFixed(2)}s`)}`
    : ansi.green(ansi.bold(`${passed} passed in ${opts.seconds.toFixed(2)}s`));
  lines.push(bar(summary, failed ? ansi.red : ansi.green));
  return { stdout: lines.join('\n') + '\n', stderr: '', passed, failed, exitCode: failed ? 1 : 0 };
}

/**
 * Lines added and removed between two texts (LCS on lines), as git counts them. Fine for the
 * few-hundred-line files of the samples.
 */
export function lineStats(before: string, after: string): { added: number; removed: number } {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  const n = a.length;
  const m = b.length;
  const row = new Uint32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    let diag = 0;
    for (let j = 1; j <= m; j++) {
      const up = row[j]!;
      row[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(up, row[j - 1]!);
      diag = up;
    }
  }
  const common = row[m]!;
  return { added: m - common, removed: n - common };
}
