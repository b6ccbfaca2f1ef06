/**
 * The side-by-side view's URL: `#/compare?s=ID,ID[:LANE],…&align=elapsed|prompt&t=MS`.
 * `s` keeps the panes in order (2 to 4); `t` is the shared clock's time under `align`.
 * `:LANE` names a reviewer lane of that session (see extensions.ts).
 */
import { ALIGN_MODES, type AlignMode } from '../../../../shared/replay/align';

export const MIN_PANES = 2;
export const MAX_PANES = 4;

export interface PaneSpec {
  id: string;
  /** A reviewer lane of the session instead of the session itself (extension point). */
  lane?: string;
}

export interface CompareRoute {
  name: 'compare';
  panes: PaneSpec[];
  align: AlignMode;
  t?: number;
}

export function parseCompare(query: string): CompareRoute {
  const params = new URLSearchParams(query);
  const panes: PaneSpec[] = [];
  // Read raw: URLSearchParams would decode the escaped ',' and ':' inside ids before the split.
  const raw = query.split('&').find((kv) => kv.startsWith('s='))?.slice(2) ?? '';
  for (const part of raw.split(',')) {
    if (!part) continue;
    const [id, lane] = part.split(':');
    try {
      panes.push({ id: decodeURIComponent(id!), ...(lane ? { lane: decodeURIComponent(lane) } : {}) });
    } catch {
      /* a malformed escape: that pane is left out */
    }
    if (panes.length === MAX_PANES) break;
  }
  const align = ALIGN_MODES.find((m) => m === params.get('align')) ?? 'elapsed';
  const t = Number(params.get('t'));
  return { name: 'compare', panes, align, ...(params.has('t') && Number.isFinite(t) && t >= 0 ? { t } : {}) };
}

export function compareHash(r: Omit<CompareRoute, 'name'>): string {
  // encodeURIComponent escapes ',' and ':', so they only ever separate panes and lanes.
  const s = r.panes.map((p) => encodeURIComponent(p.id) + (p.lane ? `:${encodeURIComponent(p.lane)}` : '')).join(',');
  return `#/compare?s=${s}&align=${r.align}${r.t !== undefined ? `&t=${Math.round(r.t)}` : ''}`;
}
