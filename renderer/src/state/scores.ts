/**
 * Scores in the app: cached classifier results per session, the weights in force (with
 * locks and named presets, persisted), and combined scores derived from both. A weight
 * change only recombines the cached evidence (cheap), so every score and the library
 * ranking follow the sliders live.
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import { combine } from '../../../shared/classifier/score';
import { DEFAULT_WEIGHTS, setWeight, type FactorId, type Weights } from '../../../shared/classifier/weights';
import type { ClassifierResult, Scores } from '../../../shared/classifier/types';
import { db } from '../db/schema';
import { scoringClient } from '../scoring/client';

export interface Preset {
  name: string;
  weights: Weights;
}

interface ScoreState {
  results: Record<string, ClassifierResult>;
  pending: Record<string, true>;
  weights: Weights;
  locked: FactorId[];
  presets: Preset[];
}

export const useScoreStore = create<ScoreState>(() => ({ results: {}, pending: {}, weights: { ...DEFAULT_WEIGHTS }, locked: [], presets: [] }));

const SETTINGS_KEY = 'scoring';

let weightsTimer: ReturnType<typeof setTimeout> | undefined;

async function persist(): Promise<void> {
  clearTimeout(weightsTimer);
  weightsTimer = undefined;
  const { weights, locked, presets } = useScoreStore.getState();
  await db().settings.put({ key: SETTINGS_KEY, value: { weights, locked, presets } });
}

export async function loadScoringSettings(): Promise<void> {
  const row = await db().settings.get(SETTINGS_KEY);
  const v = row?.value as Partial<Pick<ScoreState, 'weights' | 'locked' | 'presets'>> | undefined;
  if (v?.weights) useScoreStore.setState({ weights: { ...DEFAULT_WEIGHTS, ...v.weights }, locked: v.locked ?? [], presets: v.presets ?? [] });
}

/** Scores these sessions (in the worker; cached per classifier version). */
export async function ensureScores(ids: readonly string[]): Promise<void> {
  const s = useScoreStore.getState();
  const need = ids.filter((id) => !s.results[id] && !s.pending[id]);
  if (!need.length) return;
  useScoreStore.setState((st) => ({ pending: { ...st.pending, ...Object.fromEntries(need.map((id) => [id, true as const])) } }));
  try {
    const client = await scoringClient();
    // In slices, so the library fills in as results arrive: small at first (the first rows
    // show their scores quickly), then larger (fewer re-renders while thousands are scored).
    for (let i = 0, size = 25; i < need.length; i += size, size = Math.min(400, size * 2)) {
      const part = need.slice(i, i + size);
      const got = await client.score(part);
      useScoreStore.setState((st) => ({ results: { ...st.results, ...got } }));
    }
  } finally {
    useScoreStore.setState((st) => {
      const pending = { ...st.pending };
      for (const id of need) delete pending[id];
      return { pending };
    });
  }
}

export function forgetScores(id: string): void {
  useScoreStore.setState((st) => {
    const results = { ...st.results };
    delete results[id];
    return { results };
  });
}

/**
 * A slider sends an input per step: the weights are written once it rests (or the page is
 * hidden), not on every step, where the IndexedDB write cost each re-rank about 2 ms.
 */
function persistWhenSettled(): void {
  clearTimeout(weightsTimer);
  weightsTimer = setTimeout(() => void persist(), 250);
}

if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && weightsTimer !== undefined) void persist();
  });
}

export function setFactorWeight(f: FactorId, value: number): void {
  useScoreStore.setState((s) => ({ weights: setWeight(s.weights, f, value, new Set(s.locked)) }));
  persistWhenSettled();
}

export function toggleLock(f: FactorId): void {
  useScoreStore.setState((s) => ({ locked: s.locked.includes(f) ? s.locked.filter((x) => x !== f) : [...s.locked, f] }));
  void persist();
}

export function resetWeights(): void {
  useScoreStore.setState({ weights: { ...DEFAULT_WEIGHTS }, locked: [] });
  void persist();
}

export function savePreset(name: string): void {
  const n = name.trim();
  if (!n) return;
  useScoreStore.setState((s) => ({ presets: [...s.presets.filter((p) => p.name !== n), { name: n, weights: { ...s.weights } }] }));
  void persist();
}

/** Saves given weights as a named preset (e.g. weights a calibration panel settled). */
export function addPreset(name: string, weights: Weights): void {
  const n = name.trim();
  if (!n) return;
  useScoreStore.setState((s) => ({ presets: [...s.presets.filter((p) => p.name !== n), { name: n, weights: { ...weights } }] }));
  void persist();
}

export function applyPreset(name: string): void {
  const p = useScoreStore.getState().presets.find((x) => x.name === name);
  if (!p) return;
  useScoreStore.setState({ weights: { ...p.weights } });
  void persist();
}

/** Combined scores for one session under the current weights (undefined until scored). */
export function useSessionScores(id: string): Scores | undefined {
  const result = useScoreStore((s) => s.results[id]);
  const weights = useScoreStore((s) => s.weights);
  return useMemo(() => (result ? combine(result, weights) : undefined), [result, weights]);
}
