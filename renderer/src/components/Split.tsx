import { useCallback, useRef, useState, type ReactNode, type PointerEvent } from 'react';

const STORE = 'baton.layout.';

function loadSizes(key: string, fallback: number[]): number[] {
  try {
    const raw = localStorage.getItem(STORE + key);
    const parsed = raw ? (JSON.parse(raw) as unknown) : null;
    if (Array.isArray(parsed) && parsed.length === fallback.length && parsed.every((n) => typeof n === 'number' && n > 0)) return parsed as number[];
  } catch {
    /* storage unavailable: use defaults */
  }
  return fallback;
}

/**
 * Panes side by side (or stacked) with draggable dividers. Sizes are fractions, kept per
 * layout key in localStorage so they survive a reload. Dividers also move with the arrow keys.
 */
export function Split(props: { id: string; direction: 'row' | 'column'; initial: number[]; min?: number; children: ReactNode[] }) {
  const { id, direction, initial } = props;
  const min = props.min ?? 0.12;
  const [sizes, setSizes] = useState(() => loadSizes(id, initial));
  const ref = useRef<HTMLDivElement>(null);
  const save = useCallback((next: number[]) => {
    setSizes(next);
    try {
      localStorage.setItem(STORE + id, JSON.stringify(next));
    } catch {
      /* ignore */
    }
  }, [id]);

  const move = (i: number, delta: number) => {
    const next = [...sizes];
    const a = next[i]! + delta;
    const b = next[i + 1]! - delta;
    if (a < min || b < min) return;
    next[i] = a;
    next[i + 1] = b;
    save(next);
  };

  const onDown = (i: number) => (e: PointerEvent<HTMLDivElement>) => {
    const el = ref.current;
    if (!el) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const rect = el.getBoundingClientRect();
    const total = direction === 'row' ? rect.width : rect.height;
    let last = direction === 'row' ? e.clientX : e.clientY;
    const target = e.currentTarget;
    const onMove = (ev: globalThis.PointerEvent) => {
      const pos = direction === 'row' ? ev.clientX : ev.clientY;
      move(i, (pos - last) / total);
      last = pos;
    };
    const onUp = () => {
      target.removeEventListener('pointermove', onMove);
      target.removeEventListener('pointerup', onUp);
    };
    target.addEventListener('pointermove', onMove);
    target.addEventListener('pointerup', onUp);
  };

  const template = sizes.map((s) => `minmax(0, ${s}fr)`).join(' 6px ');
  const style = direction === 'row' ? { gridTemplateColumns: template } : { gridTemplateRows: template };
  return (
    <div ref={ref} className={`split split-${direction}`} style={style} data-testid={`split-${id}`}>
      {props.children.flatMap((child, i) =>
        i === 0
          ? [<div key={`p${i}`} className="split-pane">{child}</div>]
          : [
              <div
                key={`d${i}`}
                className="split-divider"
                role="separator"
                aria-orientation={direction === 'row' ? 'vertical' : 'horizontal'}
                aria-label="Resize panes"
                tabIndex={0}
                onPointerDown={onDown(i - 1)}
                onKeyDown={(e) => {
                  const step = (e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : 0) * 0.02;
                  if (step) {
                    e.preventDefault();
                    e.stopPropagation();
                    move(i - 1, step);
                  }
                }}
              />,
              <div key={`p${i}`} className="split-pane">{child}</div>,
            ],
      )}
    </div>
  );
}
