/**
 * Extension points of the side-by-side view, for features built elsewhere:
 *
 * - `ratings`: drawn in every pane under its scores (reviewers' ratings of that session;
 *   given the pane's lane too, so a lane pane shows that reviewer's). Registered by
 *   features/panel/compare-slots.tsx.
 * - `lane`: drawn in a pane whose spec names a lane (`#/compare?s=ID:LANE,…`): one session
 *   showing a reviewer's lane (their annotations) instead of its event list. Without a lane
 *   renderer registered the pane says so and shows the events. Registered by
 *   features/panel/compare-slots.tsx (PaneLane: the reviewer's annotations).
 *
 * Register a render function once at start-up, e.g.
 * `registerCompareSlot('ratings', (p) => <PaneRatings {...p} />)`; it receives the pane's
 * session and its clock (in session time: seek it to move every pane).
 */
import { useSyncExternalStore, type ReactNode } from 'react';
import type { ReplayClock } from '../replay/clock';
import type { LoadedSession } from '../replay/types';

export interface CompareSlotProps {
  session: LoadedSession;
  clock: ReplayClock;
  /** The lane named in the URL (for the `lane` slot, and the `ratings` slot of a lane pane). */
  lane?: string;
}

export type CompareSlot = 'ratings' | 'lane';
export type CompareSlotRender = (props: CompareSlotProps) => ReactNode;

let slots: Readonly<Partial<Record<CompareSlot, CompareSlotRender>>> = {};
const listeners = new Set<() => void>();

/** Registers the render function of a slot; returns a function that removes it. */
export function registerCompareSlot(slot: CompareSlot, render: CompareSlotRender): () => void {
  slots = { ...slots, [slot]: render };
  listeners.forEach((l) => l());
  return () => {
    if (slots[slot] !== render) return;
    const next = { ...slots };
    delete next[slot];
    slots = next;
    listeners.forEach((l) => l());
  };
}

export function useCompareSlot(slot: CompareSlot): CompareSlotRender | undefined {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => slots[slot],
  );
}
