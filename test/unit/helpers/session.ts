import type { SessionEvent, SessionMeta } from '../../../shared/model/schema';
import { SessionMeta as MetaSchema } from '../../../shared/model/schema';

export function meta(over: Partial<SessionMeta> = {}): SessionMeta {
  return MetaSchema.parse({
    id: 's-1',
    title: 'Fix the rate limiter',
    candidate: { id: 'cand-7', displayName: 'Ada' },
    task: { title: 'Rate limiter', statement: '# Task\nMake the limiter fair.' },
    source: { format: 'baton' },
    agent: { name: 'claude-code', version: '2.1.0' },
    model: 'claude-sonnet-4',
    startedAt: '2026-01-02T10:00:00.000Z',
    durationMs: 60_000,
    ...over,
  });
}

export function events(): SessionEvent[] {
  return [
    { id: 'e1', t: 0, actor: 'candidate', kind: 'prompt', text: 'Read limiter.ts first, then propose a plan.' },
    { id: 'e2', t: 1500, actor: 'agent', kind: 'tool_call', name: 'Read', category: 'read', input: { path: 'src/limiter.ts' }, status: 'ok', output: 'export const x = 1;' },
    { id: 'e3', t: 4000, actor: 'agent', kind: 'response', text: 'Plan: **1.** add a token bucket', model: 'claude-sonnet-4' },
    { id: 'e4', t: 9000, actor: 'agent', kind: 'diff', path: 'src/limiter.ts', change: 'modified', before: 'a\n', after: 'b\n' },
    { id: 'e5', t: 12000, actor: 'agent', kind: 'command', cmd: 'npm test', exitCode: 1, stdout: 'FAIL 1 test', durationMs: 2100 },
    { id: 'e6', t: 20000, actor: 'candidate', kind: 'decision', question: 'Bucket or window?', options: ['token bucket', 'sliding window'], chosen: 'token bucket', rationale: 'constant memory' },
    { id: 'e7', t: 30000, actor: 'candidate', kind: 'approval', tool: 'Bash', granted: false, reason: 'no network' },
    { id: 'e8', t: 40000, actor: 'candidate', kind: 'interrupt' },
    { id: 'e9', t: 50000, actor: 'agent', kind: 'git_action', action: 'commit', sha: 'abc123', message: 'limiter' },
  ];
}
