/**
 * What rendering a markdown text is expected to cost, learned from the renders done so far, so
 * idle-time work (markdown-prewarm.ts) starts a text only when it will end before the idle
 * period does. The first renders are the dearest (the engine's code and patterns are compiled
 * on first use: tens of milliseconds each), so the model starts pessimistic and follows the
 * renders down as they get cheaper. Pure: unit-tested without a DOM.
 */

/** A text costs as if it were this many characters longer: the per-render part of the work. */
const OVERHEAD_CHARS = 200;
/** Weight of the newest render in the estimate. */
const LEARN = 0.5;

export class RenderCost {
  /** Milliseconds per character, overhead included. */
  private perChar: number;

  /** `firstMs`: the cost assumed for a text of 600 characters before any has been rendered. */
  constructor(firstMs = 40) {
    this.perChar = firstMs / (600 + OVERHEAD_CHARS);
  }

  /** Expected milliseconds to render a text of `chars` characters. */
  estimate(chars: number): number {
    return this.perChar * (chars + OVERHEAD_CHARS);
  }

  /** A render of `chars` characters took `ms`. */
  learn(chars: number, ms: number): void {
    this.perChar += LEARN * (ms / (chars + OVERHEAD_CHARS) - this.perChar);
  }
}
