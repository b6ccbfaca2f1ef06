import { useCallback } from 'react';
import { Dialog } from '../../components/Dialog';
import { deleteSession } from '../../state/actions';
import { setUi, useStore } from '../../state/store';

export function ConfirmDelete() {
  const id = useStore((s) => s.ui.confirmDelete);
  const row = useStore((s) => s.library.rows.find((r) => r.id === s.ui.confirmDelete));
  const close = useCallback(() => setUi({ confirmDelete: undefined }), []);
  if (!id) return null;
  return (
    <Dialog
      title="Delete session?"
      onClose={close}
      testId="confirm-delete"
      footer={
        <>
          <button className="btn" onClick={close} autoFocus>
            Keep it
          </button>
          <button className="btn danger" onClick={() => void deleteSession(id)}>
            Delete
          </button>
        </>
      }
    >
      <p>
        “{row?.title ?? id}” and its {row?.eventCount.toLocaleString() ?? ''} events will be removed from this machine. Export it first if
        you may need it again.
      </p>
    </Dialog>
  );
}
