/**
 * Builders for Claude Code transcript lines, written from the records as they appear in real
 * 2.1.x files (envelope, message shapes, toolUseResult), for fixtures made by code.
 */
import type { EventOf, SessionEvent } from '../../../shared/model/schema';
import { bytesSource, MemorySink } from '../../../shared/import/memory-sink';
import { importSource } from '../../../shared/import/pipeline';

const enc = new TextEncoder();
export const T0 = Date.parse('2026-01-10T09:00:00.000Z');
export const at = (s: number) => new Date(T0 + s * 1000).toISOString();

export class Transcript {
  private n = 0;
  readonly lines: string[] = [];
  constructor(private readonly version = '2.1.33') {}

  env(s: number, extra: Record<string, unknown>): Record<string, unknown> {
    return { parentUuid: null, isSidechain: false, userType: 'external', cwd: '/w', sessionId: 'sess-1', version: this.version, gitBranch: 'main', timestamp: at(s), uuid: `u${this.n++}`, ...extra };
  }
  push(rec: Record<string, unknown>): this {
    this.lines.push(JSON.stringify(rec));
    return this;
  }
  user(s: number, content: unknown, extra: Record<string, unknown> = {}): this {
    return this.push(this.env(s, { type: 'user', message: { role: 'user', content }, ...extra }));
  }
  asst(s: number, id: string, blocks: unknown[], extra: Record<string, unknown> = {}): this {
    return this.push(this.env(s, { type: 'assistant', message: { model: 'claude-opus-4-5-20251101', id, type: 'message', role: 'assistant', content: blocks, stop_reason: null }, requestId: `req_${id}`, ...extra }));
  }
  result(s: number, id: string, content: unknown, tur: unknown, isError = false, extra: Record<string, unknown> = {}): this {
    return this.user(s, [{ tool_use_id: id, type: 'tool_result', content, ...(isError ? { is_error: true } : {}) }], { toolUseResult: tur, ...extra });
  }
  system(s: number, extra: Record<string, unknown>): this {
    return this.push(this.env(s, { type: 'system', ...extra }));
  }
  /** A queued message folded into the running turn (newer releases): attachment queued_command. */
  queuedCommand(s: number, prompt: string, commandMode = 'prompt'): this {
    return this.push(this.env(s, { type: 'attachment', attachment: { type: 'queued_command', prompt, commandMode, ...(commandMode === 'prompt' ? { origin: { kind: 'human' } } : {}) } }));
  }
  queue(s: number, operation: string, content?: string): this {
    return this.push({ type: 'queue-operation', operation, timestamp: at(s), sessionId: 'sess-1', ...(content !== undefined ? { content } : {}) });
  }
  /** A subagent message carried in the main transcript (`progress`, data.type agent_progress). */
  agentProgress(s: number, taskId: string, agentId: string, inner: { type: 'user' | 'assistant'; message: Record<string, unknown> }): this {
    const innerRec = { type: inner.type, message: inner.message, uuid: `in${this.n++}`, timestamp: at(s), ...(inner.type === 'assistant' ? { requestId: 'req_sub' } : {}) };
    return this.push(
      this.env(s + 0.05, {
        type: 'progress',
        data: { message: innerRec, normalizedMessages: [], type: 'agent_progress', prompt: 'brief', agentId },
        toolUseID: `agent_msg_${taskId}`,
        parentToolUseID: taskId,
      }),
    );
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

export const toolUse = (id: string, name: string, input: Record<string, unknown>) => ({ type: 'tool_use', id, name, input });
export const text = (t: string) => ({ type: 'text', text: t });

export async function importText(name: string, body: string, chunk = 97) {
  const sink = new MemorySink();
  const report = await importSource(bytesSource(name, enc.encode(body), chunk), sink, { now: () => 0 });
  const sessions = [...sink.sessions.values()];
  return { report, sink, sessions, events: sessions[0]?.events ?? [], meta: sessions[0]?.info.meta };
}

export function of<K extends SessionEvent['kind']>(events: readonly SessionEvent[], kind: K): EventOf<K>[] {
  return events.filter((e): e is EventOf<K> => e.kind === kind);
}

export const candidatePrompts = (events: readonly SessionEvent[]) => of(events, 'prompt').filter((e) => e.actor === 'candidate');
