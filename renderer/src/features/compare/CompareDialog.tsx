/**
 * "Compare…" in the library: pick two to four sessions and open them side by side. The list
 * follows the library's order and can be narrowed by a search; picks keep their order.
 */
import { useMemo, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { formatDuration } from '../../components/format';
import type { SessionRow } from '../../db/schema';
import { navigate } from '../../app/router';
import { MAX_PANES, MIN_PANES } from './route';
import { candidateLabel } from '../../../../shared/model/candidate';

/** The list shows at most this many rows; a search narrows it. */
const SHOWN = 300;

export function CompareDialog({ rows, onClose }: { rows: readonly SessionRow[]; onClose: () => void }) {
  const [picked, setPicked] = useState<string[]>([]);
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const hits = q ? rows.filter((r) => `${r.title} ${r.candidateId} ${r.meta.candidate.displayName ?? ''} ${r.taskTitle}`.toLowerCase().includes(q)) : rows;
    return hits.slice(0, SHOWN);
  }, [rows, query]);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : p.length < MAX_PANES ? [...p, id] : p));
  const open = () => navigate({ name: 'compare', panes: picked.map((id) => ({ id })), align: 'elapsed' });
  return (
    <Dialog
      title="Compare sessions side by side"
      onClose={onClose}
      testId="compare-dialog"
      footer={
        <>
          <span className="muted small">
            {picked.length} of {MIN_PANES}–{MAX_PANES} picked
          </span>
          <button className="btn" onClick={onClose}>
            Cancel
          </button>
          <button className="btn primary" disabled={picked.length < MIN_PANES} onClick={open}>
            Compare {picked.length >= MIN_PANES ? `${picked.length} sessions` : ''}
          </button>
        </>
      }
    >
      <input type="search" className="compare-pick-search" aria-label="Find sessions to compare" placeholder="Find sessions…" value={query} onChange={(e) => setQuery(e.target.value)} />
      <ul className="compare-pick-list">
        {shown.map((r) => {
          const on = picked.includes(r.id);
          return (
            <li key={r.id}>
              <label>
                <input type="checkbox" checked={on} disabled={!on && picked.length >= MAX_PANES} onChange={() => toggle(r.id)} aria-label={`Compare ${r.title}`} />
                <span>{r.title}</span>
                <span className="muted small">
                  {candidateLabel(r.meta.candidate)} · {formatDuration(r.durationMs)}
                </span>
                {on && <span className="badge">{picked.indexOf(r.id) + 1}</span>}
              </label>
            </li>
          );
        })}
      </ul>
      {rows.length > shown.length && <p className="muted small">Showing {shown.length} sessions; type to find others.</p>}
    </Dialog>
  );
}
