/**
 * What the clock has not reached yet is dimmed by one veil laid over it, not by an opacity on
 * each row or message: the future part of a list is contiguous (everything below `top`), and a
 * veil of the pane's background at 1 − α over it gives the very pixels an opacity α per item
 * gave (α·item + (1 − α)·background). An opacity per item is an effect node and a paint chunk
 * each, which the frame after a far seek builds, layerizes and commits for every item the seek
 * brought in; the veil is one, moved by a seek. It takes no pointer events: rows under it are
 * hovered and clicked as before.
 */
export function FutureVeil({ top, bottom, className }: { top: number; bottom: number; className: string }) {
  if (bottom <= top) return null;
  return <div className={`future-veil ${className}`} aria-hidden="true" data-testid="future-veil" style={{ top, height: bottom - top }} />;
}
