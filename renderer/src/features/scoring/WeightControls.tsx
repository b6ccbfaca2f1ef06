/**
 * Weight controls shared by the score panel and the library: a slider and lock per factor
 * (the six weights always sum to 100), reset to the locked default preset, and named
 * presets. Every change recombines cached evidence, so scores and rankings follow live.
 */
import { useState } from 'react';
import { DEFAULT_WEIGHTS, FACTORS, FACTOR_LABELS, type FactorId } from '../../../../shared/classifier/weights';
import { applyPreset, resetWeights, savePreset, setFactorWeight, toggleLock, useScoreStore } from '../../state/scores';

export const FACTOR_COLORS: Record<FactorId, string> = {
  scoping: '#2f6fdf',
  tradeoffs: '#8a4fd8',
  adversarial: '#d2443c',
  selfCorrection: '#d98a1c',
  edgeCases: '#1f9d74',
  sequencing: '#5f7488',
};

/** The slider, percentage and lock of one factor's weight. */
export function WeightInput({ factor, note }: { factor: FactorId; note?: string }) {
  const weight = useScoreStore((s) => s.weights[factor]);
  const isLocked = useScoreStore((s) => s.locked.includes(factor));
  const label = FACTOR_LABELS[factor];
  return (
    <>
      <label className="score-weight">
        <input type="range" min={0} max={100} step={1} value={weight} disabled={isLocked} onChange={(e) => setFactorWeight(factor, Number(e.target.value))} aria-label={`Weight of ${label}`} data-testid="weight-slider" data-factor={factor} />
        <span className="weight-num" title={note} data-testid="weight-value">
          {weight}%
        </span>
      </label>
      <label className="score-lock" title={isLocked ? `Unlock ${label}` : `Lock ${label} while moving the others`}>
        <input type="checkbox" checked={isLocked} onChange={() => toggleLock(factor)} aria-label={`Lock the weight of ${label}`} />
        <svg aria-hidden width="12" height="14" viewBox="0 0 12 14" className="lock-icon">
          <rect x="1" y="6" width="10" height="7.5" rx="1.5" fill="currentColor" />
          <path d="M3.2 6V4.2a2.8 2.8 0 0 1 5.6 0V6" fill="none" stroke="currentColor" strokeWidth="1.6" />
        </svg>
      </label>
    </>
  );
}

const DEFAULT_TEXT = FACTORS.map((f) => DEFAULT_WEIGHTS[f]).join(' · ');

/** Reset, apply a saved preset, save the current weights under a name. `compact`: short button labels (the Score tab). */
export function PresetBar({ compact = false }: { compact?: boolean }) {
  const presets = useScoreStore((s) => s.presets);
  const [name, setName] = useState('');
  return (
    <div className="score-presets">
      <button className="btn small" onClick={resetWeights} title={`Back to the default weights ${DEFAULT_TEXT}, nothing locked`} aria-label="Reset to default">
        {compact ? 'Reset' : 'Reset to default'}
      </button>
      {presets.length > 0 && (
        <select aria-label="Apply a saved preset" value="" onChange={(e) => applyPreset(e.target.value)}>
          <option value="">Saved presets…</option>
          {presets.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name} ({FACTORS.map((f) => p.weights[f]).join('·')})
            </option>
          ))}
        </select>
      )}
      <form
        className="preset-save"
        onSubmit={(e) => {
          e.preventDefault();
          savePreset(name);
          setName('');
        }}
      >
        <input type="text" placeholder="Preset name" aria-label="Preset name" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
        <button className="btn small" type="submit" disabled={!name.trim()} aria-label="Save weights">
          {compact ? 'Save' : 'Save weights'}
        </button>
      </form>
    </div>
  );
}

/** The whole weight editor on its own (the library's "Weights" panel). */
export function WeightPanel() {
  return (
    <div className="weight-panel" data-testid="weight-panel" aria-label="Factor weights">
      <div className="weight-grid">
        {FACTORS.map((f) => (
          <div key={f} className="weight-row">
            <span className="weight-label">
              <span className="swatch" style={{ background: FACTOR_COLORS[f] }} aria-hidden />
              {FACTOR_LABELS[f]}
            </span>
            <WeightInput factor={f} />
          </div>
        ))}
      </div>
      <PresetBar />
    </div>
  );
}
