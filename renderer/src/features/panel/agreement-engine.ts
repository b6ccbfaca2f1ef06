/** The panel computations that can take a while, run in the worker (or on this thread). */
import { agreement, type AgreementOptions, type AgreementResult, type Rating } from '../../../../shared/stats/agreement';
import { compareWeights, type FitSession, type WeightComparison } from '../../../../shared/stats/weights-fit';

export interface PanelEngine {
  ping(): Promise<true>;
  agreement(ratings: Rating[], options: AgreementOptions): Promise<AgreementResult>;
  weights(data: FitSession[], defaults: number[]): Promise<WeightComparison>;
}

export function createPanelEngine(): PanelEngine {
  return {
    ping: () => Promise.resolve(true),
    agreement: (ratings, options) => Promise.resolve(agreement(ratings, options)),
    weights: (data, defaults) => Promise.resolve(compareWeights(data, defaults)),
  };
}
