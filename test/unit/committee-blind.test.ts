import { describe, expect, it } from 'vitest';
import { blindSession, detectIdentity, makeBlind, pseudonymFor } from '../../shared/committee/blind';
import type { SessionEvent } from '../../shared/model/schema';
import { meta } from './helpers/session';

const NAME = 'Grace Hopperton';
const USER = 'ghopperton';
const EMAIL = 'grace.hopperton@example.org';

/** A session naming the candidate in ten places of different kinds. */
function exposed() {
  const m = meta({ id: 's-blind', title: `Grace Hopperton — rate limiter`, candidate: { id: 'unknown', displayName: NAME }, task: { title: 'Limiter for Grace', statement: `Contact ${EMAIL}` }, source: { format: 'claude-code', fileName: `/Users/${USER}/.claude/projects/x.jsonl` } });
  const events: SessionEvent[] = [
    { id: 'p1', t: 0, actor: 'candidate', kind: 'prompt', text: `Hi, I'm Grace. My repo is in /home/${USER}/src/limiter` },
    { id: 'r1', t: 1000, actor: 'agent', kind: 'response', text: `Sure GRACE HOPPERTON, reading C:\\Users\\${USER}\\limiter\\a.ts` },
    { id: 't1', t: 2000, actor: 'agent', kind: 'tool_call', name: 'Read', category: 'read', input: { file_path: `/Users/${USER}/src/limiter.ts`, [`/home/${USER}/key`]: 1 }, status: 'ok', output: `owner: ${USER}` },
    { id: 'd1', t: 3000, actor: 'agent', kind: 'diff', path: `/Users/${USER}/src/limiter.ts`, change: 'renamed', oldPath: `/Users/${USER}/src/old.ts`, before: '// by Hopperton\n', after: `// by ${EMAIL}\n`, patch: `--- a/Users/${USER}/x` },
    { id: 'c1', t: 4000, actor: 'agent', kind: 'command', cmd: 'whoami && git log -1', cwd: `/home/${USER}/src`, exitCode: 0, stdout: `${USER}\nAuthor: Grace Hopperton <${EMAIL}>`, stderr: `warning: /home/${USER}/.gitconfig` },
    { id: 'g1', t: 5000, actor: 'agent', kind: 'git_action', action: 'commit', sha: 'abc', message: `Signed-off-by: Grace  Hopperton <${EMAIL}>` },
    { id: 'n1', t: 6000, actor: 'candidate', kind: 'narration', text: 'This is grace speaking', endT: 7000 },
    { id: 'x1', t: 8000, actor: 'candidate', kind: 'decision', question: `Should ${USER} own it?`, options: ['Grace', 'team'], chosen: 'Grace', rationale: 'Hopperton knows it' },
    { id: 'a1', t: 9000, actor: 'candidate', kind: 'approval', tool: 'Bash', granted: false, reason: `not in /Users/${USER}` },
    { id: 'm1', t: 9500, actor: 'system', kind: 'marker', label: `session of ${USER}`, source: { file: `/home/${USER}/log.jsonl`, line: 3 } },
  ];
  return { meta: m, events };
}

const leaks = (text: string) => /grace|hopperton/i.test(text) || text.includes(USER) || text.includes('example.org');

describe('candidate-blind mode', () => {
  it('hides the name, e-mail, user name and home paths in every place of every kind', () => {
    const s = exposed();
    // Sanity: the unblinded session exposes the identity in more than ten places.
    const raw = JSON.stringify(s);
    expect(raw.match(/grace|hopperton|ghopperton|example\.org/gi)!.length).toBeGreaterThan(10);
    const b = blindSession(s);
    const out = JSON.stringify({ meta: b.meta, events: b.events });
    expect(leaks(out)).toBe(false);
    expect(out).toContain(b.pseudonym.name);
    expect(out).toContain(`/Users/${b.pseudonym.username}/src/limiter.ts`);
    expect(out).toContain(`/home/${b.pseudonym.username}/src`);
    expect(out).toContain(`C:\\\\Users\\\\${b.pseudonym.username}\\\\limiter`);
    expect(out).toContain(b.pseudonym.email);
  });

  it('keeps ids, times, kinds and non-identifying text intact', () => {
    const s = exposed();
    const b = blindSession(s);
    expect(b.events.map((e) => [e.id, e.t, e.kind, e.actor])).toEqual(s.events.map((e) => [e.id, e.t, e.kind, e.actor]));
    const c = b.events.find((e) => e.kind === 'command')!;
    expect(c.kind === 'command' && c.cmd).toBe('whoami && git log -1');
    expect(b.meta.task.title).toBe(`Limiter for ${b.pseudonym.name}`);
    expect(b.meta.id).toBe('s-blind');
  });

  it('blinds text read later (a terminal recording) with the same function', () => {
    const b = blindSession(exposed());
    expect(b.blind(`[1.0, "o", "${USER}@host:/home/${USER}$ "]`)).toBe(`[1.0, "o", "${b.pseudonym.username}@host:/home/${b.pseudonym.username}$ "]`);
  });

  it('gives the same pseudonym for the same candidate, and is deterministic', () => {
    expect(pseudonymFor('grace hopperton')).toEqual(pseudonymFor('grace hopperton'));
    expect(JSON.stringify(blindSession(exposed()))).toBe(JSON.stringify(blindSession(exposed())));
    const other = exposed();
    other.meta.id = 's-other';
    expect(blindSession(other).pseudonym).toEqual(blindSession(exposed()).pseudonym);
    expect(pseudonymFor('a').name).toMatch(/^Candidate [A-Z][a-z]+ [A-Z][a-z]+$/);
  });

  it('finds user names from home paths but not shared folders', () => {
    const id = detectIdentity(meta({ candidate: { id: 'unknown' } }), [
      { id: 'c', t: 0, actor: 'agent', kind: 'command', cmd: 'ls /Users/Shared /home/bob/x C:/Users/Public D:\\Users\\eve\\y' },
    ]);
    expect(id.usernames).toEqual(['bob', 'eve']);
    expect(id.names).toEqual([]);
  });

  it('matches names only as whole words', () => {
    const blind = makeBlind({ names: ['Ann Lee'], usernames: ['lee7'], emails: [] }, pseudonymFor('x'));
    expect(blind('Annotation by Ann; Leeward; lee7 and lee70')).toBe(`Annotation by ${pseudonymFor('x').name}; Leeward; ${pseudonymFor('x').username} and lee70`);
  });

  it('leaves a session with nothing to hide unchanged', () => {
    const s = { meta: meta({ candidate: { id: 'unknown' } }), events: [{ id: 'p', t: 0, actor: 'candidate', kind: 'prompt', text: 'Plan first, please.' } as SessionEvent] };
    expect(blindSession(s).events).toEqual(s.events);
  });
});

describe('blinding metadata alone (the library)', () => {
  it('gives the same pseudonym as the whole session and hides the name and home paths of the metadata', async () => {
    const { blindMetaOnly } = await import('../../shared/committee/blind');
    const s = exposed();
    const m = blindMetaOnly(s.meta);
    expect(m.pseudonym).toEqual(blindSession(s).pseudonym);
    expect(leaks(JSON.stringify(m.meta))).toBe(false);
    expect(m.meta.title).toBe(`${m.pseudonym.name} — rate limiter`);
  });
});
