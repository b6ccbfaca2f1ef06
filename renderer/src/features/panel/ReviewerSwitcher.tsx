/**
 * Who is reviewing: a chip in the top bar with the current reviewer's initials. Opens a small
 * dialog to switch reviewer (panels often share one laptop), add one, or review as the panel
 * lead (no reviewer: nothing is hidden), and the blind-classifier setting.
 */
import { useEffect, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { setUi } from '../../state/store';
import './panel.css';
import { addReviewer, initialsOf, loadPanel, nextColour, setBlindClassifier, switchReviewer, usePanelStore } from './store';

export function ReviewerChip({ initials, colour, name }: { initials: string; colour: string; name?: string }) {
  return (
    <span className="reviewer-chip" style={{ background: colour }} title={name} aria-hidden={name ? undefined : true}>
      {initials}
    </span>
  );
}

function NewReviewer({ onDone }: { onDone: () => void }) {
  const reviewers = usePanelStore((s) => s.reviewers);
  const [name, setName] = useState('');
  const [initials, setInitials] = useState('');
  const [colour, setColour] = useState(() => nextColour(reviewers.map((r) => r.colour)));
  const add = async () => {
    try {
      await addReviewer(name, initials, colour);
      onDone();
    } catch (e) {
      setUi({ toast: { text: (e as Error).message, kind: 'error' } });
    }
  };
  return (
    <form
      className="new-reviewer"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <label>
        Name <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} aria-label="Reviewer name" required />
      </label>
      <label>
        Initials <input value={initials} maxLength={4} placeholder={initialsOf(name || '?')} onChange={(e) => setInitials(e.target.value)} aria-label="Initials" size={4} />
      </label>
      <label>
        Colour <input type="color" value={colour} onChange={(e) => setColour(e.target.value)} aria-label="Colour" />
      </label>
      <button className="btn primary small" type="submit">
        Add reviewer
      </button>
    </form>
  );
}

export function ReviewerSwitcher() {
  const { loaded, reviewers, current, blindClassifier } = usePanelStore();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!loaded) void loadPanel();
  }, [loaded]);
  const me = reviewers.find((r) => r.id === current);
  const local = reviewers.filter((r) => !r.imported);
  return (
    <>
      <button className="btn reviewer-btn" onClick={() => setOpen(true)} data-testid="reviewer-button" aria-label={me ? `Reviewer: ${me.name}` : 'Choose reviewer'}>
        {me ? <ReviewerChip initials={me.initials} colour={me.colour} /> : <span className="reviewer-chip none">?</span>}
        <span>{me ? me.name : 'No reviewer'}</span>
      </button>
      {open && (
        <Dialog title="Who is reviewing?" onClose={() => setOpen(false)} testId="reviewer-dialog">
          <ul className="reviewer-list" role="listbox" aria-label="Reviewers">
            {local.map((r) => (
              <li key={r.id} role="option" aria-selected={r.id === current}>
                <button
                  className={`btn reviewer-pick ${r.id === current ? 'on' : ''}`}
                  onClick={() => {
                    void switchReviewer(r.id);
                    setOpen(false);
                  }}
                >
                  <ReviewerChip initials={r.initials} colour={r.colour} /> {r.name}
                </button>
              </li>
            ))}
            <li role="option" aria-selected={current === undefined}>
              <button
                className={`btn reviewer-pick ${current === undefined ? 'on' : ''}`}
                onClick={() => {
                  void switchReviewer(undefined);
                  setOpen(false);
                }}
              >
                <span className="reviewer-chip none">–</span> Panel lead (no reviewer: nothing hidden)
              </button>
            </li>
          </ul>
          <NewReviewer onDone={() => setOpen(false)} />
          <label className="toggle blind-setting">
            <input type="checkbox" checked={blindClassifier} onChange={(e) => void setBlindClassifier(e.target.checked)} /> Hide the classifier&apos;s scores until I submit a session
          </label>
          <p className="muted small">Until you submit a session you never see other reviewers&apos; ratings or annotations of it.</p>
        </Dialog>
      )}
    </>
  );
}
