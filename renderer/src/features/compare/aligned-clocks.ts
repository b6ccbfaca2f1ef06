/**
 * The clocks of the side-by-side view: one shared clock, and per pane a PaneClock that
 * follows it through the alignment in force. Re-aligning keeps the first pane where it is.
 */
import type { Alignment } from '../../../../shared/replay/align';
import { stepAcross } from '../../../../shared/replay/align-steps';
import type { SessionIndex } from '../../../../shared/replay/index';
import { ReplayClock } from '../replay/clock';
import { holdScrollWrites } from '../replay/scroll-batch';
import { PaneClock } from './pane-clock';

export class AlignedClocks {
  readonly shared: ReplayClock;
  readonly panes: readonly PaneClock[];
  private unsub: () => void = () => {};

  constructor(
    private alignment: Alignment,
    durations: readonly number[],
    private readonly indexes: readonly SessionIndex[],
  ) {
    this.shared = new ReplayClock(alignment.durationMs);
    this.panes = durations.map((d, i) => new PaneClock(d, this.shared, (t) => this.alignment.toShared(i, t)));
  }

  /** Starts following the shared clock (again); returns the function that stops it. */
  connect(): () => void {
    this.unsub();
    // The panes' lists scroll together in the commit of the seek, after every pane has moved
    // and rendered: one layout for all (replay/scroll-batch.ts).
    const follow = (t: number) => holdScrollWrites(() => this.panes.forEach((p, i) => p.follow(this.alignment.toSession(i, t))));
    follow(this.shared.get().t);
    this.unsub = this.shared.subscribe((s) => follow(s.t));
    return () => this.unsub();
  }

  get current(): Alignment {
    return this.alignment;
  }

  realign(alignment: Alignment): void {
    if (alignment === this.alignment) return;
    const t0 = this.panes[0]?.get().t ?? 0;
    this.alignment = alignment;
    this.shared.setDuration(alignment.durationMs, alignment.toShared(0, t0));
  }

  /** Steps the shared clock to the next / previous event (or candidate moment) of any pane. */
  step(dir: 1 | -1, candidateOnly: boolean): void {
    const to = stepAcross(this.alignment, this.indexes, this.shared.get().t, dir, candidateOnly);
    if (to !== undefined) this.shared.seek(to);
    else this.shared.seek(dir === 1 ? this.shared.get().duration : 0);
  }
}
