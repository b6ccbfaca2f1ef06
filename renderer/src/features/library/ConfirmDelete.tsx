import { useCallback } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { deleteSession } from '../../state/actions';
import { setUi, useStore } from '../../state/store';

export function ConfirmDelete() {
  const id = useStore((s) => s.ui.confirmDelete);
  const row = useStore((s) => s.library.rows.find((r) => r.id === s.ui.confirmDelete));
  const close = useCallback(() => setUi({ confirmDelete: undefined }), []);
  if (!id) return null;
  return (
    <ConfirmDialog
      title="Delete session?"
      testId="confirm-delete"
      stay="Keep it"
      go="Delete"
      danger
      onClose={close}
      onGo={() => void deleteSession(id)}
    >
      <p>
        “{row?.title ?? id}” and its {row?.eventCount.toLocaleString() ?? ''} events will be removed from this machine. Export it first if
        you may need it again.
      </p>
    </ConfirmDialog>
  );
}
