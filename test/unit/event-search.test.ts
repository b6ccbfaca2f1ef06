import { describe, expect, it } from 'vitest';
import { findEvents, eventTexts } from '../../renderer/src/features/replay/events/search';
import type { SessionEvent } from '../../shared/model/schema';

const evs: SessionEvent[] = [
  { id: 'a', t: 0, actor: 'candidate', kind: 'prompt', text: 'Handle the EMPTY input case' },
  { id: 'b', t: 1, actor: 'agent', kind: 'command', cmd: 'npm test', stdout: 'FAIL parser.test.ts', exitCode: 1 },
  { id: 'c', t: 2, actor: 'agent', kind: 'diff', path: 'src/parser.ts', change: 'modified', after: 'if (input === "") return [];' },
  { id: 'd', t: 3, actor: 'candidate', kind: 'decision', question: 'Throw or return empty?', options: ['throw', 'return []'], chosen: 'return []' },
  { id: 'e', t: 4, actor: 'agent', kind: 'command', cmd: 'big', stdout: { blob: 'blobs/out', mime: 'text/plain', size: 9 } },
];

describe('find in events', () => {
  it('matches case-insensitively across every text field, including the ones not shown in a row', async () => {
    expect(await findEvents(evs, 'empty')).toEqual([0, 3]);
    expect(await findEvents(evs, 'parser')).toEqual([1, 2]);
    expect(await findEvents(evs, 'return []')).toEqual([2, 3]);
  });

  it('treats the query literally and ignores blank queries', async () => {
    expect(await findEvents(evs, '(')).toEqual([2]);
    expect(await findEvents(evs, '   ')).toEqual([]);
  });

  it('does not search blob-backed outputs', () => {
    expect(eventTexts(evs[4]!)).toEqual(['big', '', '']);
  });

  it('scans large sessions in slices and stops when aborted', async () => {
    const many: SessionEvent[] = Array.from({ length: 20_000 }, (_, i) => ({ id: `m${i}`, t: i, actor: 'agent', kind: 'response', text: i === 19_999 ? 'needle' : 'hay' }));
    expect(await findEvents(many, 'needle', undefined, 1000)).toEqual([19_999]);
    const ctrl = new AbortController();
    const p = findEvents(many, 'hay', ctrl.signal, 1000);
    ctrl.abort();
    expect((await p).length).toBeLessThan(20_000);
  });
});
