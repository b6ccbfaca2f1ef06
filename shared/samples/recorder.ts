/**
 * Builds one sample session on a running clock. Keeps the workspace's file contents so every
 * diff's `before` is exactly the previous `after` on that path, and gives events stable,
 * sequential ids (`e000001`, ...) in time order.
 */
import type { EventOf, SessionEvent } from '../model/schema';
import type { Rng } from './prng';
import { clockTime, lineStats } from './terminal';

export interface RecorderOptions {
  /** Absolute project directory, used for command cwd and tool file paths. */
  cwd: string;
  model: string;
  startedAtMs: number;
  branch: string;
  /** Spoken length of a narration text, ms. */
  speechMs: (text: string) => number;
  /** Multiplies every wait(): the scripts are written compactly and stretched to a realistic pace. */
  pace?: number;
}

export interface CommandResult {
  exitCode: number;
  stdout?: string;
  stderr?: string;
  durationMs: number;
}

type Actor = 'candidate' | 'agent';

/** A line-numbered file listing, as the Read tool returns it. */
export function numbered(content: string, offset = 1, limit?: number): string {
  const lines = content.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const end = limit ? Math.min(lines.length, offset - 1 + limit) : lines.length;
  const out: string[] = [];
  for (let i = offset - 1; i < end; i++) out.push(`${String(i + 1).padStart(6)}\t${lines[i]}`);
  return out.join('\n');
}

/** The changed region between two texts, as an Edit tool's old_string/new_string. */
export function editStrings(before: string, after: string): { old_string: string; new_string: string } {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  // A pure insertion is anchored on the line before it, as an Edit's old_string can't be empty.
  if (endA === start && start > 0) start--;
  else if (endA === start) {
    endA++;
    endB++;
  }
  return { old_string: a.slice(start, endA).join('\n'), new_string: b.slice(start, endB).join('\n') };
}

export class Recorder {
  readonly events: SessionEvent[] = [];
  /** Current file contents by workspace-relative path. */
  readonly files = new Map<string, string>();
  /** Files as they were when the session started. */
  readonly initial = new Map<string, string>();
  t = 0;
  private seq = 0;
  private turn: string | undefined;
  private narrationFreeAt = 0;
  private committed = new Map<string, string>();

  constructor(
    readonly rng: Rng,
    readonly opts: RecorderOptions,
  ) {}

  /** A file present before the session started. */
  seed(path: string, content: string): this {
    this.files.set(path, content);
    this.initial.set(path, content);
    this.committed.set(path, content);
    return this;
  }

  abs(path: string): string {
    return `${this.opts.cwd}/${path}`;
  }

  /** Advances the clock by about `ms`. */
  wait(ms: number, spread = 0.25): this {
    this.t += this.rng.around(ms * (this.opts.pace ?? 1), spread);
    return this;
  }

  /** Wall-clock `hh:mm:ss` at the current time. */
  clock(offsetMs = 0): string {
    return clockTime(this.opts.startedAtMs + this.t + offsetMs);
  }

  private push<E extends SessionEvent>(ev: Omit<E, 'id' | 't'>, dt = 0): E {
    const full = { id: `e${String(++this.seq).padStart(6, '0')}`, t: this.t + dt, ...ev } as E;
    this.events.push(full);
    return full;
  }

  private parent(): { parentId?: string } {
    return this.turn ? { parentId: this.turn } : {};
  }

  file(path: string): string {
    const c = this.files.get(path);
    if (c === undefined) throw new Error(`sample: no file ${path}`);
    return c;
  }

  marker(label: string): string {
    return this.push<EventOf<'marker'>>({ actor: 'system', kind: 'marker', label }).id;
  }

  prompt(text: string): string {
    const ev = this.push<EventOf<'prompt'>>({ actor: 'candidate', kind: 'prompt', text });
    this.turn = ev.id;
    return ev.id;
  }

  thinking(text: string): string {
    return this.push<EventOf<'thinking'>>({ actor: 'agent', kind: 'thinking', text, ...this.parent() }).id;
  }

  respond(text: string): string {
    return this.push<EventOf<'response'>>({ actor: 'agent', kind: 'response', text, model: this.opts.model, ...this.parent() }).id;
  }

  private tool(
    name: string,
    category: EventOf<'tool_call'>['category'],
    input: unknown,
    output: string,
    status: EventOf<'tool_call'>['status'],
    durationMs: number,
  ): EventOf<'tool_call'> {
    const ev = this.push<EventOf<'tool_call'>>({ actor: 'agent', kind: 'tool_call', name, category, input, output, status, durationMs, ...this.parent() });
    return ev;
  }

  read(path: string, range?: { offset: number; limit: number }): string {
    const content = this.file(path);
    const input = range ? { file_path: this.abs(path), offset: range.offset, limit: range.limit } : { file_path: this.abs(path) };
    const d = this.rng.around(60, 0.5);
    const ev = this.tool('Read', 'read', input, numbered(content, range?.offset ?? 1, range?.limit), 'ok', d);
    this.t += d;
    return ev.id;
  }

  grep(pattern: string, where: { path?: string; glob?: string }, output: string): string {
    const input = { pattern, ...(where.path ? { path: where.path } : {}), ...(where.glob ? { glob: where.glob } : {}), output_mode: 'content', '-n': true };
    const d = this.rng.around(140, 0.5);
    const ev = this.tool('Grep', 'search', input, output, 'ok', d);
    this.t += d;
    return ev.id;
  }

  glob(pattern: string, matches: string[]): string {
    const d = this.rng.around(40, 0.5);
    const ev = this.tool('Glob', 'search', { pattern }, matches.join('\n'), 'ok', d);
    this.t += d;
    return ev.id;
  }

  /** Creates or changes a file. The agent goes through Write/Edit; a candidate edits by hand. */
  edit(path: string, after: string, actor: Actor = 'agent'): string {
    const before = this.files.get(path);
    const change = before === undefined ? 'created' : 'modified';
    let parentId: string | undefined;
    if (actor === 'agent') {
      const d = this.rng.around(90, 0.5);
      const tool =
        before === undefined
          ? this.tool('Write', 'write', { file_path: this.abs(path), content: after }, `File created successfully at: ${this.abs(path)}`, 'ok', d)
          : this.tool('Edit', 'edit', { file_path: this.abs(path), ...editStrings(before, after) }, `The file ${this.abs(path)} has been updated.`, 'ok', d);
      parentId = tool.id;
      this.t += d;
    }
    const ev = this.push<EventOf<'diff'>>({
      actor,
      kind: 'diff',
      path,
      change,
      ...(before === undefined ? {} : { before }),
      after,
      ...(parentId ? { parentId } : {}),
    });
    this.files.set(path, after);
    this.t += 1;
    return ev.id;
  }

  /** An Edit the agent started but that was stopped before it was applied. */
  editInterrupted(path: string, after: string): string {
    const before = this.file(path);
    const d = this.rng.around(400, 0.3);
    const ev = this.tool('Edit', 'edit', { file_path: this.abs(path), ...editStrings(before, after) }, '[Request interrupted by user for tool use]', 'error', d);
    this.t += d;
    return ev.id;
  }

  /** A tool call the candidate refused, with the approval event that refused it. */
  denied(name: string, category: EventOf<'tool_call'>['category'], input: unknown, reason: string, thinkMs = 6000): { toolId: string; approvalId: string } {
    const tool = this.tool(name, category, input, `Permission to use ${name} was denied.`, 'denied', 0);
    this.wait(thinkMs, 0.3);
    const approval = this.push<EventOf<'approval'>>({ actor: 'candidate', kind: 'approval', tool: name, granted: false, reason, parentId: tool.id });
    return { toolId: tool.id, approvalId: approval.id };
  }

  /** The candidate's go-ahead for a tool call that then runs. */
  granted(name: string, reason?: string, thinkMs = 2500): string {
    this.wait(thinkMs, 0.3);
    return this.push<EventOf<'approval'>>({ actor: 'candidate', kind: 'approval', tool: name, granted: true, ...(reason ? { reason } : {}) }).id;
  }

  /** A shell command: through the agent's Bash tool, or typed by the candidate. Returns the command event. */
  run(cmd: string, result: CommandResult, actor: Actor = 'agent', description?: string): EventOf<'command'> {
    let parentId: string | undefined;
    if (actor === 'agent') {
      const out = [result.stdout ?? '', result.stderr ?? ''].filter(Boolean).join('\n');
      const tool = this.tool(
        'Bash',
        'shell',
        { command: cmd, ...(description ? { description } : {}) },
        result.exitCode === 0 ? out : `Error: Exit code ${result.exitCode}\n${out}`,
        result.exitCode === 0 ? 'ok' : 'error',
        result.durationMs + 35,
      );
      parentId = tool.id;
    }
    const ev = this.push<EventOf<'command'>>(
      {
        actor,
        kind: 'command',
        cmd,
        cwd: this.opts.cwd,
        exitCode: result.exitCode,
        ...(result.stdout !== undefined ? { stdout: result.stdout } : {}),
        ...(result.stderr ? { stderr: result.stderr } : {}),
        durationMs: result.durationMs,
        ...(parentId ? { parentId } : {}),
      },
      parentId ? 20 : 0,
    );
    this.t = ev.t + result.durationMs + 40;
    return ev;
  }

  /** A test command with its test_run summary. */
  test(
    cmd: string,
    framework: string,
    out: { stdout: string; stderr?: string; passed: number; failed: number; exitCode: number },
    durationMs: number,
    actor: Actor = 'agent',
    skipped = 0,
  ): { command: EventOf<'command'>; run: EventOf<'test_run'> } {
    const command = this.run(cmd, { exitCode: out.exitCode, stdout: out.stdout, ...(out.stderr ? { stderr: out.stderr } : {}), durationMs }, actor, 'Run the tests');
    const saved = this.t;
    this.t = command.t;
    const run = this.push<EventOf<'test_run'>>(
      {
        actor,
        kind: 'test_run',
        cmd,
        framework,
        passed: out.passed,
        failed: out.failed,
        ...(skipped ? { skipped } : {}),
        exitCode: out.exitCode,
        durationMs,
        parentId: command.id,
      },
      1,
    );
    this.t = saved;
    return { command, run };
  }

  /** Files changed since the last commit, with git's insertion/deletion counts. */
  private changes(): { path: string; created: boolean; added: number; removed: number }[] {
    const out: { path: string; created: boolean; added: number; removed: number }[] = [];
    for (const [path, now] of [...this.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const was = this.committed.get(path);
      if (was === now) continue;
      out.push({ path, created: was === undefined, ...lineStats(was ?? '', now) });
    }
    return out;
  }

  /** `git diff --stat` for the uncommitted changes. */
  diffStat(): string {
    const ch = this.changes();
    const width = Math.max(...ch.map((c) => c.path.length));
    const lines = ch.map((c) => {
      const n = c.added + c.removed;
      const bar = ansi32('+'.repeat(Math.min(40, c.added))) + ansi31('-'.repeat(Math.min(40, c.removed)));
      return ` ${c.path.padEnd(width)} | ${String(n).padStart(3)} ${bar}`;
    });
    const add = ch.reduce((s, c) => s + c.added, 0);
    const del = ch.reduce((s, c) => s + c.removed, 0);
    lines.push(` ${ch.length} file${ch.length === 1 ? '' : 's'} changed, ${add} insertion${add === 1 ? '' : 's'}(+), ${del} deletion${del === 1 ? '' : 's'}(-)`);
    return lines.join('\n') + '\n';
  }

  /** `git add -A && git commit`, then the git_action event. Returns the commit's event id. */
  commit(message: string, actor: Actor, cmd = `git add -A && git commit -m "${message.split('\n')[0]}"`): string {
    const ch = this.changes();
    const sha = this.rng.hex(40);
    const add = ch.reduce((s, c) => s + c.added, 0);
    const del = ch.reduce((s, c) => s + c.removed, 0);
    const stdout = [
      `[${this.opts.branch} ${sha.slice(0, 7)}] ${message.split('\n')[0]}`,
      ` ${ch.length} file${ch.length === 1 ? '' : 's'} changed, ${add} insertion${add === 1 ? '' : 's'}(+), ${del} deletion${del === 1 ? '' : 's'}(-)`,
      ...ch.filter((c) => c.created).map((c) => ` create mode 100644 ${c.path}`),
    ].join('\n');
    const command = this.run(cmd, { exitCode: 0, stdout: stdout + '\n', durationMs: this.rng.around(180, 0.4) }, actor, 'Commit the change');
    const saved = this.t;
    this.t = command.t;
    const ev = this.push<EventOf<'git_action'>>({ actor, kind: 'git_action', action: 'commit', ref: this.opts.branch, sha, message, parentId: command.id }, 2);
    this.t = saved;
    this.committed = new Map(this.files);
    return ev.id;
  }

  git(action: EventOf<'git_action'>['action'], ref: string, actor: Actor = 'candidate'): string {
    return this.push<EventOf<'git_action'>>({ actor, kind: 'git_action', action, ref }).id;
  }

  decision(question: string, options: string[], chosen: string, rationale?: string): string {
    return this.push<EventOf<'decision'>>({ actor: 'candidate', kind: 'decision', question, options, chosen, ...(rationale ? { rationale } : {}) }).id;
  }

  interrupt(reason?: string): string {
    const ev = this.push<EventOf<'interrupt'>>({ actor: 'candidate', kind: 'interrupt', ...(reason ? { reason } : {}) });
    return ev.id;
  }

  /**
   * Think-aloud: spoken by the candidate from now (or when the previous segment ends) for its
   * spoken length. With `hold`, the clock waits until the speech ends.
   */
  narrate(text: string, hold = false): string {
    const start = Math.max(this.t, this.narrationFreeAt);
    this.t = start;
    const endT = start + this.opts.speechMs(text);
    const ev = this.push<EventOf<'narration'>>({ actor: 'candidate', kind: 'narration', text, endT });
    this.narrationFreeAt = endT + 500;
    if (hold) this.t = endT;
    return ev.id;
  }

  /** Waits until the current narration has been spoken. */
  afterSpeech(gapMs = 300): this {
    this.t = Math.max(this.t, this.narrationFreeAt - 500 + gapMs);
    return this;
  }

  /** Latest end of any event (narration end, command duration). */
  endT(): number {
    let end = 0;
    for (const e of this.events) {
      const d = e.kind === 'narration' ? e.endT : e.t + (('durationMs' in e && e.durationMs) || 0);
      if (d > end) end = d;
    }
    return end;
  }
}

const ansi32 = (s: string) => (s ? `\x1b[32m${s}\x1b[m` : '');
const ansi31 = (s: string) => (s ? `\x1b[31m${s}\x1b[m` : '');
