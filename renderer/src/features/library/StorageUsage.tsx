import { useEffect, useState } from 'react';
import { formatBytes } from '../../../../shared/import/limits';
import { describeStorage, storageInfo } from '../../db/persist';

/** The space the library takes on this device, refreshed when the session count changes. */
export function StorageUsage({ sessions }: { sessions: number }) {
  const [text, setText] = useState('');
  useEffect(() => {
    let live = true;
    void storageInfo().then((info) => {
      if (live) setText(describeStorage(info, formatBytes));
    });
    return () => {
      live = false;
    };
  }, [sessions]);
  if (!text) return null;
  return (
    <span className="muted small" data-testid="storage-usage" title="Space this library takes in the browser's storage on this device">
      {text}
    </span>
  );
}
