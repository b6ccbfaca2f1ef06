import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { usePanelStore, visibilityOf, visibleAnnotations, type PanelState } from '../../renderer/src/features/panel/store';
import type { Annotation } from '../../shared/review/schema';

const H = 'c'.repeat(64);
const ann = (id: string, reviewer: string): Annotation => ({ id, sessionHash: H, reviewer, t0: 0, factor: 'scoping', polarity: '+', note: '' });
const reviewer = (id: string) => ({ id, name: id, initials: id.slice(0, 2), colour: '#1f77b4', createdAt: 1 });

function state(over: Partial<PanelState>): PanelState {
  return { ...usePanelStore.getState(), reviewers: [reviewer('ada'), reviewer('bo')], annotations: { [H]: [ann('a', 'ada'), ann('b', 'bo')] }, ...over };
}

describe('blind by default', () => {
  it('before submitting, a reviewer sees only their own annotations and no classifier', () => {
    const s = state({ current: 'ada', ratings: { [H]: [{ sessionHash: H, reviewer: 'ada', revisions: [], draft: { scoping: 3 } }] } });
    expect(visibilityOf(s, H)).toMatchObject({ submitted: false, hideOthers: true, hideClassifier: true });
    expect(visibleAnnotations(s, H).map((a) => a.id)).toEqual(['a']);
  });

  it('the classifier setting can be turned off while others stay hidden', () => {
    const s = state({ current: 'ada', blindClassifier: false, ratings: {} });
    expect(visibilityOf(s, H)).toMatchObject({ hideOthers: true, hideClassifier: false });
  });

  it('after submitting, or with no reviewer chosen, everything shows', () => {
    const submitted = state({ current: 'ada', ratings: { [H]: [{ sessionHash: H, reviewer: 'ada', revisions: [], current: { scores: { scoping: 3, tradeoff: 3, adversarial: 3, selfcorrection: 3, edgecase: 3, sequencing: 3, overall: 3 }, submittedAt: '2026-12-01T00:00:00Z' } }] } });
    expect(visibilityOf(submitted, H)).toMatchObject({ submitted: true, hideOthers: false, hideClassifier: false });
    expect(visibleAnnotations(submitted, H)).toHaveLength(2);
    const lead = state({ current: undefined });
    expect(visibilityOf(lead, H)).toMatchObject({ hideOthers: false, hideClassifier: false });
  });
});
