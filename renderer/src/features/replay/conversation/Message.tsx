import { memo, useEffect, useMemo, useState } from 'react';
import type { BlobRef, SessionEvent } from '../../../../../shared/model/schema';
import type { LoadedSession } from '../types';
import { clipMessage } from './clip';
import { MarkdownBlock } from './MarkdownBlock';

function BlobImage({ session, img }: { session: LoadedSession; img: BlobRef }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    let live = true;
    let made: string | undefined;
    void session.loadBlob(img.blob).then((b) => {
      if (!live || !b || !/^image\/(png|jpeg|gif|webp)$/.test(b.type || img.mime)) return;
      made = URL.createObjectURL(b.type ? b : new Blob([b], { type: img.mime }));
      setUrl(made);
    });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [session, img]);
  return url ? <img className="conv-image" src={url} alt="Image attached to the prompt" /> : <span className="muted small">[image]</span>;
}

/** A prompt or response: a long one shows its start and a button for the rest (clip.ts). */
function Text({ e, expanded, onExpand }: { e: Extract<SessionEvent, { kind: 'prompt' | 'response' }>; expanded: boolean; onExpand: (id: string, on: boolean) => void }) {
  const clip = useMemo(() => clipMessage(e.text), [e.text]);
  return (
    <>
      <MarkdownBlock text={clip && !expanded ? clip.text : e.text} />
      {clip && (
        <button className="btn small link conv-more" aria-expanded={expanded} onClick={() => onExpand(e.id, !expanded)}>
          {expanded ? 'Show less' : `Show the rest (${clip.hiddenLines.toLocaleString('en-US')} more line${clip.hiddenLines === 1 ? '' : 's'})`}
        </button>
      )}
    </>
  );
}

/** One message of the conversation; memoised so a seek re-renders none of them. */
export const Message = memo(function Message({ e, session, expanded, onExpand }: { e: SessionEvent; session: LoadedSession; expanded: boolean; onExpand: (id: string, on: boolean) => void }) {
  if (e.kind === 'thinking') {
    return (
      <details className="conv-thinking">
        <summary>Thinking</summary>
        <div className="conv-plain">{e.text}</div>
      </details>
    );
  }
  if (e.kind === 'interrupt') return <p className="conv-interrupt">The candidate interrupted the agent{e.reason ? `: ${e.reason}` : ''}</p>;
  if (e.kind === 'prompt' || e.kind === 'response') {
    return (
      <>
        <Text e={e} expanded={expanded} onExpand={onExpand} />
        {e.kind === 'prompt' && e.images?.map((img) => <BlobImage key={img.blob} session={session} img={img} />)}
      </>
    );
  }
  return null;
});
