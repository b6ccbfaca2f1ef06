/** A decision record's deep link (#/open/<content hash>?t=ms): opens that session at that moment. */
import { useEffect, useState } from 'react';
import { navigate } from '../../app/router';
import { db } from '../../db/schema';

export function OpenByHash({ hash, t }: { hash: string; t?: number }) {
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    let live = true;
    void db()
      .sessions.where('contentHash')
      .equals(hash)
      .first()
      .then((row) => {
        if (!live) return;
        if (row) window.location.replace(`#/session/${encodeURIComponent(row.id)}${t !== undefined ? `?t=${Math.round(t)}` : ''}`);
        else setMissing(true);
      });
    return () => {
      live = false;
    };
  }, [hash, t]);
  if (!missing) return <section className="replay loading">Opening the session…</section>;
  return (
    <section className="replay">
      <p>The session this link points to is not in this library. Import its file, then follow the link again.</p>
      <button className="btn" onClick={() => navigate({ name: 'library' })}>
        Back to sessions
      </button>
    </section>
  );
}
