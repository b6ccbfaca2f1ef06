import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../shared/model/schema';
import { conversationTexts } from '../../renderer/src/features/replay/conversation/prewarm';
import { clipMessage } from '../../renderer/src/features/replay/conversation/clip';

const ev = (i: number, kind: 'prompt' | 'response' | 'command', text: string, lane?: string) =>
  (kind === 'command'
    ? { id: `e${i}`, t: i * 1000, actor: 'agent', kind, cmd: text }
    : { id: `e${i}`, t: i * 1000, actor: kind === 'prompt' ? 'candidate' : 'agent', kind, text, ...(lane ? { lane } : {}) }) as unknown as SessionEvent;

// What is rendered ahead must be exactly what the conversation shows, or the seek finds no cache entry.
describe('conversationTexts', () => {
  it("gives each main-lane prompt and response as Message shows it unexpanded: a long one's start", () => {
    const long = Array.from({ length: 60 }, (_, i) => `line ${i}`).join('\n');
    const events = [ev(0, 'prompt', 'fix it'), ev(1, 'command', 'ls'), ev(2, 'response', long), ev(3, 'response', 'sub', 'agent-2'), ev(4, 'response', 'done')];
    expect(conversationTexts({ events })).toEqual(['fix it', clipMessage(long)!.text, 'done']);
  });

  it('keeps at most `max` messages, centred on the event it starts around', () => {
    const events = Array.from({ length: 100 }, (_, i) => ev(i, i % 2 ? 'response' : 'prompt', `m${i}`));
    expect(conversationTexts({ events }, 50, 10)).toEqual(['m45', 'm46', 'm47', 'm48', 'm49', 'm50', 'm51', 'm52', 'm53', 'm54']);
    expect(conversationTexts({ events }, 0, 4)).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(conversationTexts({ events }, 99, 4)).toEqual(['m96', 'm97', 'm98', 'm99']);
  });
});
