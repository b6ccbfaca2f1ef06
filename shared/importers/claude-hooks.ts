/**
 * Claude Code hook payload logs: what a capture hook wrote for UserPromptSubmit, PreToolUse,
 * PostToolUse, Stop, SubagentStop, SessionStart, SessionEnd, PreCompact and Notification,
 * as a JSON array or as JSONL. Every field is optional (real logs lack fields the
 * documentation lists). Payloads carry no time of their own in most setups: when there is
 * no `timestamp`, records are spaced one second apart in file order, and the report says so.
 *
 * PreToolUse and PostToolUse are paired by tool_use_id when present, otherwise by tool name
 * in order. Edit/MultiEdit/Write results become diffs, Bash results commands, the rest tool
 * calls (the same mapping as the transcript importer). A PreToolUse with no PostToolUse is a
 * tool call whose outcome the log does not show.
 */
import type { SessionEvent, SessionMetaInput } from '../model/schema';
import type { ImportContext, SessionBuilder } from '../import/context';
import type { FormatImporter, Sniff } from '../import/registry';
import { ImportError } from '../import/types';
import { claudeToolDiff, toolCategory } from './claude-tools';
import { clip, isRecord, largeText, readLines, str, Tally, titleFrom, tryJson, UNKNOWN_CANDIDATE } from './text-support';

export const HOOK_EVENTS = new Set(['UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop', 'SubagentStop', 'SessionStart', 'SessionEnd', 'PreCompact', 'Notification', 'PermissionRequest']);

const SYNTHETIC_STEP_MS = 1000;

interface Pre {
  name: string;
  input: Record<string, unknown>;
  t: number;
  line: number;
  id: string;
}

class HooksRun {
  private readonly file: string;
  private b!: SessionBuilder;
  private startMs: number | undefined;
  private t = 0;
  private synthetic = 0;
  private records = 0;
  private badLines = 0;
  private sessionId: string | undefined;
  private firstPrompt: string | undefined;
  private cwd: string | undefined;
  private seq = 0;
  private readonly byId = new Map<string, Pre>();
  private readonly byName = new Map<string, Pre[]>();
  private readonly unknown = new Tally();
  private arrayText: string[] | undefined;

  constructor(private readonly ctx: ImportContext) {
    this.file = ctx.fileName;
  }

  async run(): Promise<void> {
    this.b = await this.ctx.openSession();
    let mode: 'unknown' | 'lines' | 'array' = 'unknown';
    await readLines(
      this.ctx,
      async (text, line) => {
        if (mode === 'unknown') {
          const s = text.trim();
          if (s === '') return;
          mode = s.startsWith('[') ? 'array' : 'lines';
          if (mode === 'array') this.arrayText = [];
        }
        if (mode === 'array') this.arrayText!.push(text);
        else await this.line(text, line);
      },
      { between: () => this.b.drain() },
    );
    if (this.arrayText) {
      const v = tryJson(this.arrayText.join('\n'));
      if (!Array.isArray(v)) throw new ImportError(`${this.file}: starts like a JSON array of hook payloads but does not parse as one`);
      let i = 0;
      for (const r of v) await this.record(r, ++i, true);
    }
    // Calls whose PostToolUse is not in this log.
    for (const p of [...this.byId.values(), ...[...this.byName.values()].flat()]) this.toolCall(p, undefined);
    await this.b.finish();
    if (this.records === 0) {
      const why = this.badLines ? `all ${this.badLines} non-empty lines failed to parse` : 'it holds no hook payloads';
      throw new ImportError(`${this.file}: nothing usable — ${why}`);
    }
    if (this.synthetic) this.warn(undefined, `${this.synthetic} payloads carry no timestamp; they are placed ${SYNTHETIC_STEP_MS / 1000} s apart in file order`);
    if (this.unknown.size) this.warn(undefined, `unknown hook events skipped: ${this.unknown.describe()}`);
    const title = titleFrom(this.firstPrompt, `Claude Code hook log${this.sessionId ? ` ${this.sessionId.slice(0, 8)}` : ''}`);
    const meta: SessionMetaInput = {
      id: `claude-hooks-${clip(this.sessionId ?? 'session', 170).replace(/[^\w.-]/g, '_')}`,
      title,
      candidate: { ...UNKNOWN_CANDIDATE },
      task: { title, statement: '' },
      source: { format: 'claude-hooks', fileName: this.file },
      agent: { name: 'Claude Code' },
      startedAt: new Date(this.startMs ?? 0).toISOString(),
      durationMs: Math.max(this.t, this.b.maxT),
      tags: this.cwd ? [`cwd:${clip(this.cwd, 180)}`] : [],
    };
    this.ctx.finishSession(this.b, meta);
  }

  private warn(line: number | undefined, reason: string): void {
    this.ctx.problems.add({ file: this.file, line, severity: 'warning', reason });
  }

  private add(ev: SessionEvent, line: number): void {
    ev.source = { file: this.file, line };
    this.b.add(ev, { file: this.file, line }, true);
  }

  private async line(text: string, line: number): Promise<void> {
    const s = text.trim();
    if (s === '') return;
    const r = tryJson(s);
    if (!isRecord(r)) {
      this.badLines++;
      this.warn(line, r === undefined ? 'not valid JSON; skipped' : 'not a JSON object; skipped');
      return;
    }
    await this.record(r, line, false);
  }

  private timeOf(r: Record<string, unknown>): number {
    const ms = typeof r.timestamp === 'string' ? Date.parse(r.timestamp) : NaN;
    if (Number.isFinite(ms)) {
      this.startMs ??= ms;
      this.t = Math.max(this.t, ms - this.startMs);
      return this.t;
    }
    this.synthetic++;
    if (this.records > 1) this.t += SYNTHETIC_STEP_MS;
    return this.t;
  }

  private async record(r: unknown, line: number, inArray: boolean): Promise<void> {
    if (!isRecord(r)) {
      this.badLines++;
      this.warn(line, inArray ? `array item ${line} is not an object; skipped` : 'not a JSON object; skipped');
      return;
    }
    const ev = str(r.hook_event_name) ?? (r.tool_response !== undefined ? 'PostToolUse' : r.tool_name !== undefined ? 'PreToolUse' : typeof r.prompt === 'string' ? 'UserPromptSubmit' : undefined);
    if (!ev || !HOOK_EVENTS.has(ev)) {
      this.unknown.add(ev ?? '(no hook_event_name)');
      return;
    }
    this.records++;
    this.sessionId ??= str(r.session_id);
    this.cwd ??= str(r.cwd);
    const t = this.timeOf(r);
    const id = `h${line}.${this.seq++}`;
    switch (ev) {
      case 'UserPromptSubmit': {
        const text = str(r.prompt) ?? '';
        if (!text.trim()) return;
        this.firstPrompt ??= text;
        this.add({ id, t, actor: 'candidate', kind: 'prompt', text }, line);
        return;
      }
      case 'PreToolUse': {
        const p: Pre = { name: str(r.tool_name) ?? 'tool', input: isRecord(r.tool_input) ? r.tool_input : {}, t, line, id: str(r.tool_use_id) ?? id };
        if (str(r.tool_use_id)) this.byId.set(p.id, p);
        else (this.byName.get(p.name) ?? this.byName.set(p.name, []).get(p.name)!).push(p);
        return;
      }
      case 'PostToolUse': {
        const name = str(r.tool_name) ?? 'tool';
        const useId = str(r.tool_use_id);
        let pre: Pre | undefined;
        if (useId) {
          pre = this.byId.get(useId);
          this.byId.delete(useId);
        } else {
          pre = this.byName.get(name)?.shift();
        }
        const call: Pre = pre ?? { name, input: isRecord(r.tool_input) ? r.tool_input : {}, t, line, id: useId ?? id };
        await this.toolResult(call, r.tool_response, t, line);
        return;
      }
      default: {
        const what = ev === 'Notification' ? `Notification: ${clip(str(r.message) ?? '', 300)}` : ev === 'SessionStart' ? `Session start${str(r.source) ? ` (${str(r.source)})` : ''}` : ev === 'SessionEnd' ? `Session end${str(r.reason) ? ` (${str(r.reason)})` : ''}` : ev === 'PreCompact' ? 'Context compaction' : ev;
        this.add({ id, t, actor: 'system', kind: 'marker', label: what }, line);
      }
    }
  }

  private toolCall(p: Pre, output: string | undefined, status: 'ok' | 'error' | 'pending' = 'pending', tEnd?: number): void {
    this.add(
      {
        id: `tool.${p.id}`,
        t: p.t,
        actor: 'agent',
        kind: 'tool_call',
        name: p.name,
        category: toolCategory(p.name),
        input: p.input,
        ...(output !== undefined ? { output: clip(output, 60_000) } : {}),
        status,
        ...(tEnd !== undefined ? { durationMs: Math.max(0, tEnd - p.t) } : {}),
        ...(p.name.startsWith('mcp__') ? { server: p.name.split('__')[1] ?? 'mcp' } : {}),
      },
      p.line,
    );
  }

  private async toolResult(p: Pre, response: unknown, tEnd: number, line: number): Promise<void> {
    const res = isRecord(response) ? response : {};
    const text = typeof response === 'string' ? response : '';
    const failed = res.success === false || res.is_error === true || /^Error:/i.test(text);
    if (p.name === 'Bash' && isRecord(response)) {
      const stdout = str(res.stdout) ?? '';
      const stderr = str(res.stderr) ?? '';
      const interrupted = res.interrupted === true;
      this.add(
        {
          id: `tool.${p.id}`,
          t: p.t,
          actor: 'agent',
          kind: 'command',
          cmd: str(p.input.command) ?? '',
          ...(this.cwd ? { cwd: this.cwd } : {}),
          // Hooks report output, not the exit status; a non-empty stderr is not proof of failure.
          ...(interrupted ? { interrupted: true, exitCode: null } : {}),
          stdout: await largeText(this.b.writer, `tool-output/${p.id}.out.txt`, stdout),
          ...(stderr ? { stderr: await largeText(this.b.writer, `tool-output/${p.id}.err.txt`, stderr) } : {}),
          durationMs: Math.max(0, tEnd - p.t),
        },
        line,
      );
      return;
    }
    if ((p.name === 'Edit' || p.name === 'MultiEdit' || p.name === 'Write') && !failed) {
      const d = claudeToolDiff(p, res, `tool.${p.id}`);
      if (d) {
        this.add(d, line);
        return;
      }
    }
    const output = typeof response === 'string' ? response : response === undefined ? undefined : JSON.stringify(response);
    this.toolCall(p, output, failed ? 'error' : 'ok', tEnd);
  }
}

/** Does this head look like hook payloads (array or JSONL)? */
export function looksLikeHookLog(s: Sniff): number {
  if (s.isBinary || s.isZip) return 0;
  const text = (s.text.charCodeAt(0) === 0xfeff ? s.text.slice(1) : s.text).trimStart();
  if (!text.startsWith('[') && !text.startsWith('{')) return 0;
  const named = /"hook_event_name"\s*:\s*"(UserPromptSubmit|PreToolUse|PostToolUse|Stop|SubagentStop|SessionStart|SessionEnd|PreCompact|Notification)"/.test(text);
  if (named && /"session_id"\s*:/.test(text)) return 0.95;
  if (named) return 0.8;
  // Older loggers drop hook_event_name but keep the payload's own fields.
  return /"session_id"\s*:/.test(text) && /"transcript_path"\s*:/.test(text) && /"tool_(name|input)"\s*:/.test(text) ? 0.7 : 0;
}

export const claudeHooksImporter: FormatImporter = {
  format: 'claude-hooks',
  label: 'Claude Code hook log (JSON or JSONL)',
  detect: looksLikeHookLog,
  async run(ctx: ImportContext) {
    await new HooksRun(ctx).run();
  },
};
