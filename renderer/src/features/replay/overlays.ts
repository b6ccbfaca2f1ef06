/**
 * Timeline overlays: marks that other features draw over the replay timeline (score evidence,
 * reviewer annotations). A feature sets its overlay by id and removes it when it unmounts;
 * the timeline draws whatever is registered.
 */
import { create } from 'zustand';
import type { TimelineOverlay } from './types';

interface OverlayState {
  overlays: readonly TimelineOverlay[];
}

export const useOverlayStore = create<OverlayState>(() => ({ overlays: [] }));

/** Adds or replaces the overlay with this id. */
export function setOverlay(overlay: TimelineOverlay): void {
  useOverlayStore.setState((s) => ({ overlays: [...s.overlays.filter((o) => o.id !== overlay.id), overlay] }));
}

export function removeOverlay(id: string): void {
  useOverlayStore.setState((s) => ({ overlays: s.overlays.filter((o) => o.id !== id) }));
}

export function useOverlays(): readonly TimelineOverlay[] {
  return useOverlayStore((s) => s.overlays);
}
