/** The panel's parts of the side-by-side view (compare/extensions.ts), registered at start-up. */
import { registerCompareSlot } from '../compare/extensions';
import { PaneRatings } from './PaneRatings';

export function registerPanelCompareSlots(): () => void {
  return registerCompareSlot('ratings', (p) => <PaneRatings {...p} />);
}
