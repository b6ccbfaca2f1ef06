/** The panel's parts of the side-by-side view (compare/extensions.ts), registered at start-up. */
import { registerCompareSlot } from '../compare/extensions';
import { PaneLane } from './PaneLane';
import { PaneRatings } from './PaneRatings';

export function registerPanelCompareSlots(): () => void {
  const off = [registerCompareSlot('ratings', (p) => <PaneRatings {...p} />), registerCompareSlot('lane', (p) => <PaneLane {...p} />)];
  return () => off.forEach((f) => f());
}
