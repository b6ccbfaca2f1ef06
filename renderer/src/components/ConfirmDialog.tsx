import type { ReactNode } from 'react';
import { Dialog } from './Dialog';

/**
 * A yes/no question in the app's own dialog. The safe answer (`stay`) is the focused button,
 * so Enter or Escape never does the irreversible thing.
 */
export function ConfirmDialog(props: {
  title: string;
  testId: string;
  stay: string;
  go: string;
  danger?: boolean;
  onClose: () => void;
  onGo: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      testId={props.testId}
      footer={
        <>
          <button className="btn" onClick={props.onClose} autoFocus>
            {props.stay}
          </button>
          <button className={props.danger ? 'btn danger' : 'btn primary'} onClick={props.onGo}>
            {props.go}
          </button>
        </>
      }
    >
      {props.children}
    </Dialog>
  );
}
