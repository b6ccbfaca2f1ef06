/**
 * The timeline's time axis as it is drawn — the visible window and where its plot sits on
 * screen — for strips that must line up with it (the narration waveform). The timeline
 * publishes on every redraw of its axis; subscribers redraw in the same frame.
 */
export interface AxisState {
  /** Visible window, session ms. */
  start: number;
  end: number;
  /** The plot's left edge and width in the timeline element's own pixels. */
  plotX: number;
  plotW: number;
  /** The element the plot is drawn in (its left edge is where plotX counts from). */
  el: HTMLElement;
}

export class AxisBus {
  private state: AxisState | null = null;
  private readonly subs = new Set<(s: AxisState) => void>();

  get(): AxisState | null {
    return this.state;
  }

  publish(s: AxisState): void {
    const p = this.state;
    if (p && p.start === s.start && p.end === s.end && p.plotX === s.plotX && p.plotW === s.plotW && p.el === s.el) return;
    this.state = s;
    for (const fn of this.subs) fn(s);
  }

  subscribe(fn: (s: AxisState) => void): () => void {
    this.subs.add(fn);
    return () => this.subs.delete(fn);
  }
}
