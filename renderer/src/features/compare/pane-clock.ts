/**
 * A pane's view of the shared clock in the side-by-side view. Each pane shows its own
 * session, so its panes (event list, conversation) get a clock in that session's time: it
 * follows the shared clock through the alignment, and a seek made in the pane (a click on an
 * event) seeks the shared clock instead, so every pane moves together.
 */
import { ReplayClock } from '../replay/clock';

export class PaneClock extends ReplayClock {
  constructor(
    duration: number,
    private readonly shared: ReplayClock,
    /** Maps this pane's session time to shared time under the alignment in force. */
    private readonly toShared: (t: number) => number,
  ) {
    super(duration);
  }

  /** Called by the shared clock's listener: show session time `t`. */
  follow(t: number): void {
    super.seek(t);
  }

  override seek(t: number): void {
    this.shared.seek(this.toShared(t));
  }

  override play(): void {
    this.shared.play();
  }

  override pause(): void {
    this.shared.pause();
  }

  override toggle(): void {
    this.shared.toggle();
  }

  override setSpeed(speed: number): void {
    this.shared.setSpeed(speed);
  }
}
