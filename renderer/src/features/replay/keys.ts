/**
 * The replay keys every view that plays a clock shares (the replay, side by side): Space/K
 * play, J/L ±10 s, arrows step (Shift: the candidate's moments), [ ] speed, Home/End. A view
 * adds its own keys through `extra`. Keys typed into a field, a separator or a dialog, and
 * keys with Ctrl/⌘/Alt, are left alone.
 */
import type { ReplayClock } from './clock';

export interface ReplayKeyOptions {
  clock: ReplayClock;
  /** Step to the next (1) or previous (-1) event; `candidate`: the candidate's next moment. */
  step: (dir: 1 | -1, candidate: boolean) => void;
  /** A view's own keys; returns true when it handled the key. */
  extra?: (e: KeyboardEvent) => boolean;
  /** More elements whose keys are their own (e.g. '.monaco-editor'). */
  ignoreWithin?: string;
}

export function replayKeyHandler({ clock, step, extra, ignoreWithin }: ReplayKeyOptions): (e: KeyboardEvent) => void {
  const own = ignoreWithin ? `${ignoreWithin}, [role="separator"], dialog` : '[role="separator"], dialog';
  return (e) => {
    const target = e.target as HTMLElement | null;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable)) return;
    if (target?.closest(own)) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = clock.get().t;
    let handled = true;
    switch (e.key) {
      case ' ':
      case 'k':
      case 'K':
        clock.toggle();
        break;
      case 'j':
      case 'J':
        clock.seek(t - 10_000);
        break;
      case 'l':
      case 'L':
        clock.seek(t + 10_000);
        break;
      case 'ArrowRight':
        step(1, e.shiftKey);
        break;
      case 'ArrowLeft':
        step(-1, e.shiftKey);
        break;
      case '[':
        clock.stepSpeed(-1);
        break;
      case ']':
        clock.stepSpeed(1);
        break;
      case 'Home':
        clock.seek(0);
        break;
      case 'End':
        clock.seek(clock.get().duration);
        break;
      default:
        handled = extra ? extra(e) : false;
    }
    if (handled) e.preventDefault();
  };
}
