/**
 * The committee's decision: hire, no hire or more evidence, the rationale typed in the
 * meeting, and optionally each member's vote. Saved with the session; shown in the library.
 */
import { useState } from 'react';
import { Decision, OUTCOME_LABELS, OUTCOMES, type Outcome, type Vote } from '../../../../shared/committee/decision';

interface Props {
  decision?: Decision;
  sessionHash: string;
  onSave(d: Decision): void;
  onReport(kind: 'html' | 'pdf'): void;
  onExport(): void;
}

const VOTES = [...OUTCOMES, 'abstain'] as const;

export function DecisionPanel({ decision, sessionHash, onSave, onReport, onExport }: Props) {
  const [outcome, setOutcome] = useState<Outcome | undefined>(decision?.outcome);
  const [rationale, setRationale] = useState(decision?.rationale ?? '');
  const [votes, setVotes] = useState<Vote[]>(decision?.votes ?? []);
  const setVote = (i: number, v: Partial<Vote>) => setVotes(votes.map((x, j) => (j === i ? { ...x, ...v } : x)));
  const save = () => {
    if (!outcome) return;
    onSave(Decision.parse({ outcome, rationale, votes: votes.filter((v) => v.member.trim()).map((v) => ({ ...v, member: v.member.trim() })), decidedAt: new Date().toISOString(), sessions: [sessionHash] }));
  };
  return (
    <div className="decision" data-testid="decision">
      <h2>Decision</h2>
      <div className="decision-outcomes" role="radiogroup" aria-label="Outcome">
        {OUTCOMES.map((o) => (
          <label key={o} className={`decision-outcome ${outcome === o ? 'on' : ''}`}>
            <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} /> {OUTCOME_LABELS[o]}
          </label>
        ))}
      </div>
      <label className="decision-rationale">
        Rationale
        <textarea value={rationale} onChange={(e) => setRationale(e.target.value)} rows={3} aria-label="Rationale" />
      </label>
      <div className="decision-votes">
        {votes.map((v, i) => (
          <div key={i} className="decision-vote">
            <input aria-label={`Member ${i + 1}`} value={v.member} placeholder="Member" onChange={(e) => setVote(i, { member: e.target.value })} />
            <select aria-label={`Vote of member ${i + 1}`} value={v.vote} onChange={(e) => setVote(i, { vote: e.target.value as Vote['vote'] })}>
              {VOTES.map((o) => (
                <option key={o} value={o}>
                  {OUTCOME_LABELS[o]}
                </option>
              ))}
            </select>
            <button className="btn" aria-label={`Remove member ${i + 1}`} onClick={() => setVotes(votes.filter((_, j) => j !== i))}>
              ×
            </button>
          </div>
        ))}
        <button className="btn" onClick={() => setVotes([...votes, { member: '', vote: 'abstain' }])}>
          Add a vote
        </button>
      </div>
      <div className="decision-actions">
        <button className="btn primary" onClick={save} disabled={!outcome}>
          Record decision
        </button>
        <button className="btn" onClick={() => onReport('html')}>
          Save report (HTML)
        </button>
        <button className="btn" onClick={() => onReport('pdf')}>
          Report as PDF
        </button>
        <button className="btn" onClick={onExport} disabled={!decision} title="The decision as a .baton-decision file, to keep with the reviews (baton report --decision reads it)">
          Export decision
        </button>
      </div>
    </div>
  );
}
