import { describe, expect, it, vi } from 'vitest';
import { prepareSearch, searchTexts, SearchTexts } from '../../renderer/src/features/replay/events/search-index';
import { findEvents } from '../../renderer/src/features/replay/events/search';
import type { SessionEvent } from '../../shared/model/schema';

const evs: SessionEvent[] = [
  { id: 'a', t: 0, actor: 'candidate', kind: 'prompt', text: 'Handle the EMPTY input case' },
  { id: 'b', t: 1, actor: 'agent', kind: 'tool_call', name: 'Read', category: 'read', status: 'ok', input: { file_path: 'src/Parser.ts' }, output: 'export const x = 1;' },
  { id: 'c', t: 2, actor: 'agent', kind: 'command', cmd: 'big', stdout: { blob: 'blobs/out', mime: 'text/plain', size: 9 } },
  { id: 'd', t: 3, actor: 'candidate', kind: 'decision', question: 'Throw?', options: ['throw', 'return []'] },
];

/** Event i's strings as the index holds them. */
const of = (s: SearchTexts, i: number) => s.texts.slice(s.starts[i], s.starts[i + 1]);

describe('the search texts of a session', () => {
  it("holds each event's non-empty searchable strings in event order, tool inputs as JSON", () => {
    const s = new SearchTexts(evs);
    s.extend(evs.length);
    expect(s.complete).toBe(true);
    expect(of(s, 0)).toEqual(['Handle the EMPTY input case']);
    expect(of(s, 1)).toEqual(['Read', '{"file_path":"src/Parser.ts"}', 'export const x = 1;']);
    // A blob-backed output is not searched, and empty fields are left out.
    expect(of(s, 2)).toEqual(['big']);
    expect(of(s, 3)).toEqual(['Throw?', 'throw', 'return []']);
  });

  it('is gathered in steps, each event once', () => {
    const s = new SearchTexts(evs);
    s.extend(2);
    expect(s.indexed).toBe(2);
    expect(s.complete).toBe(false);
    expect(of(s, 1)).toHaveLength(3);
    s.extend(1);
    s.extend(99);
    expect(s.indexed).toBe(4);
    expect(s.texts).toHaveLength(8);
  });

  it('is kept per events array, and a search builds and reuses it', async () => {
    const events = evs.slice();
    expect(searchTexts(events)).toBe(searchTexts(events));
    expect(searchTexts(events)).not.toBe(searchTexts(evs.slice()));
    expect(await findEvents(events, 'parser.TS')).toEqual([1]);
    expect(searchTexts(events).complete).toBe(true);
    // A second search over the same array (now from the index) gives the same answer.
    expect(await findEvents(events, 'parser.TS')).toEqual([1]);
    expect(await findEvents(events, 'throw')).toEqual([3]);
  });

  it('finds the same events when a search starts with the index partly built', async () => {
    const many: SessionEvent[] = Array.from({ length: 9_000 }, (_, i) => ({ id: `m${i}`, t: i, actor: 'agent', kind: 'response', text: i % 997 === 0 ? `Needle ${i}` : `hay ${i}` }));
    const expected = many.flatMap((_, i) => (i % 997 === 0 ? [i] : []));
    searchTexts(many).extend(2_500);
    expect(await findEvents(many, 'needle', undefined, 1000)).toEqual(expected);
  });

  it('gathers afresh for an array that grew', async () => {
    const events = evs.slice(0, 2);
    expect(await findEvents(events, 'throw')).toEqual([]);
    events.push(evs[3]!);
    expect(await findEvents(events, 'throw')).toEqual([2]);
  });
});

describe('gathering the search texts in idle time', () => {
  it('completes the index in slices, and stops when told to', async () => {
    const many: SessionEvent[] = Array.from({ length: 5_000 }, (_, i) => ({ id: `m${i}`, t: i, actor: 'agent', kind: 'response', text: `reply ${i}` }));
    const stopped = many.slice();
    prepareSearch(stopped)();
    prepareSearch(many);
    // Slices on timers (no requestIdleCallback here): wait for them, however busy the machine.
    await vi.waitFor(() => expect(searchTexts(many).complete).toBe(true), { timeout: 10_000, interval: 20 });
    expect(searchTexts(many).texts[4_999]).toBe('reply 4999');
    expect(searchTexts(stopped).indexed).toBe(0);
  });
});
