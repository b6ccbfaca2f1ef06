import { lazy, Suspense, useCallback, useEffect, useState, type DragEvent, type ReactNode } from 'react';
import { ConfirmDelete } from '../features/library/ConfirmDelete';
import { LibraryView } from '../features/library/LibraryView';
import { ImportPanel } from '../features/imports/ImportPanel';
import { ReportDialog } from '../features/imports/ReportDialog';
import { ReplayView } from '../features/replay/ReplayView';
import { ReviewerSwitcher } from '../features/panel/ReviewerSwitcher';
import { Dialog } from '../components/Dialog';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { LinkConfirm } from '../components/links';
import { platform } from '../platform';
import { exportToFile, importFiles, pickAndImport, startApp } from '../state/actions';
import { setUi, useStore } from '../state/store';
import { useRoute, navigate } from './router';

// The views behind their own routes load when first opened: the library and the replay (the
// first screens) do not need them, nor the schemas of what they exchange.
const CommitteeView = lazy(() => import('../features/committee/CommitteeView').then((m) => ({ default: m.CommitteeView })));
const OpenByHash = lazy(() => import('../features/committee/OpenByHash').then((m) => ({ default: m.OpenByHash })));
const PanelView = lazy(() => import('../features/panel/PanelView').then((m) => ({ default: m.PanelView })));
const CompareView = lazy(() => import('../features/compare/CompareView').then((m) => ({ default: m.CompareView })));

function Toast() {
  const toast = useStore((s) => s.ui.toast);
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setUi({ toast: undefined }), 4000);
    return () => clearTimeout(t);
  }, [toast]);
  if (!toast) return null;
  return (
    <div className={`toast ${toast.kind}`} role="status">
      {toast.text}
    </div>
  );
}

/** One group of the ? sheet: a heading and its keys. */
function ShortcutGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <table className="shortcuts">
      <tbody>
        <tr className="group">
          <th colSpan={2}>{title}</th>
        </tr>
        {children}
      </tbody>
    </table>
  );
}

/** Every key on one screen, in two columns (Replay beside Library and Everywhere): no scrolling. */
function ShortcutsSheet() {
  const open = useStore((s) => s.ui.showShortcuts);
  const close = useCallback(() => setUi({ showShortcuts: false }), []);
  if (!open) return null;
  return (
    <Dialog title="Keyboard shortcuts" onClose={close} wide>
      <div className="shortcut-groups">
        <ShortcutGroup title="Replay">
          <tr><td><kbd>Space</kbd> or <kbd>K</kbd></td><td>Play / pause</td></tr>
          <tr><td><kbd>J</kbd> · <kbd>L</kbd></td><td>10 seconds back · forward</td></tr>
          <tr><td><kbd>←</kbd> · <kbd>→</kbd></td><td>Previous · next event</td></tr>
          <tr><td><kbd>Shift</kbd> + <kbd>←</kbd> · <kbd>→</kbd></td><td>Previous · next candidate moment</td></tr>
          <tr><td><kbd>[</kbd> · <kbd>]</kbd></td><td>Slower · faster (0.5× to 32×)</td></tr>
          <tr><td><kbd>Home</kbd> · <kbd>End</kbd></td><td>Start · end of the session</td></tr>
          <tr><td><kbd>Enter</kbd> · <kbd>Shift</kbd> + <kbd>Enter</kbd></td><td>In find: next · previous match</td></tr>
          <tr><td><kbd>+</kbd> · <kbd>-</kbd> · <kbd>0</kbd></td><td>Timeline: zoom in · out · whole session</td></tr>
          <tr><td>Wheel · <kbd>Shift</kbd> + wheel</td><td>Over the timeline: zoom · pan (drag the overview strip to move)</td></tr>
        </ShortcutGroup>
        <div>
          <ShortcutGroup title="Library">
            <tr><td><kbd>Ctrl</kbd>/<kbd>⌘</kbd> + <kbd>O</kbd></td><td>Import files</td></tr>
            <tr><td><kbd>/</kbd></td><td>Search the library (in a replay: find in events)</td></tr>
            <tr><td><kbd>Enter</kbd> · <kbd>Delete</kbd></td><td>Open · delete the focused session (asks first)</td></tr>
          </ShortcutGroup>
          <ShortcutGroup title="Reviewing">
            <tr><td><kbd>A</kbd></td><td>Annotate the playhead (in a diff: its hunk)</td></tr>
            <tr><td>Side by side</td><td>The replay keys drive every pane</td></tr>
          </ShortcutGroup>
          <ShortcutGroup title="Committee mode">
            <tr><td><kbd>←</kbd> · <kbd>→</kbd></td><td>Previous · next clip of the reel</td></tr>
            <tr><td><kbd>Space</kbd> · <kbd>B</kbd> · <kbd>F</kbd> · <kbd>Esc</kbd></td><td>Play / pause · blackout · full screen · leave</td></tr>
          </ShortcutGroup>
          <ShortcutGroup title="Everywhere">
            <tr><td><kbd>?</kbd></td><td>This sheet</td></tr>
            <tr><td><kbd>Esc</kbd></td><td>Close a dialog</td></tr>
          </ShortcutGroup>
        </div>
      </div>
    </Dialog>
  );
}

/** Files dropped anywhere on the window are imported. */
function useDropImport(): boolean {
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: globalThis.DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    const enter = (e: globalThis.DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setOver(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const overH = (e: globalThis.DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: globalThis.DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      void importFiles([...(e.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overH);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overH);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return over;
}

export function App() {
  const route = useRoute();
  const dropping = useDropImport();

  useEffect(() => {
    void startApp();
    return platform().onCommand((cmd) => {
      if (cmd === 'import') void pickAndImport(false);
      else if (cmd === 'import-folder') void pickAndImport(true);
      else if (cmd === 'shortcuts') setUi({ showShortcuts: true });
      else if (cmd === 'about') void platform().appVersion().then((v) => setUi({ toast: { text: `Baton ${v} — reviews stay on this machine.`, kind: 'info' } }));
      else if (cmd === 'export') {
        const r = window.location.hash.match(/^#\/session\/([^?]+)/);
        if (r) void exportToFile(decodeURIComponent(r[1]!));
        else setUi({ toast: { text: 'Open a session to export it.', kind: 'info' } });
      }
    });
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'o') {
        e.preventDefault();
        void pickAndImport(false);
      } else if (!typing && e.key === '?') {
        setUi({ showShortcuts: true });
      } else if (!typing && e.key === '/') {
        const search = document.querySelector<HTMLInputElement>('input.search');
        if (search) {
          e.preventDefault();
          search.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onDragOver = (e: DragEvent) => e.preventDefault();

  // Committee mode fills the screen: no top bar.
  if (route.name === 'committee' || route.name === 'audience') {
    return (
      <div className="app committee-app">
        <ErrorBoundary what="committee mode" resetKey={`${route.name}:${route.id}`}>
          <Suspense fallback={null}>
            <CommitteeView key={`${route.name}:${route.id}`} id={route.id} role={route.name === 'committee' ? 'presenter' : 'audience'} />
          </Suspense>
        </ErrorBoundary>
        <Toast />
      </div>
    );
  }

  return (
    <div className="app" onDragOver={onDragOver}>
      <header className="topbar">
        <a className="brand" href="#/" onClick={() => navigate({ name: 'library' })}>
          <span className="brand-mark" aria-hidden>
            ◆
          </span>{' '}
          Baton
        </a>
        <nav className="top-actions">
          <button className="btn primary" onClick={() => void pickAndImport(false)}>
            Import files…
          </button>
          <button className="btn" onClick={() => void pickAndImport(true)}>
            Import folder…
          </button>
          <a className="btn" href="#/panel">
            Panel
          </a>
          <ReviewerSwitcher />
          <button className="icon-btn" aria-label="Keyboard shortcuts" onClick={() => setUi({ showShortcuts: true })}>
            ?
          </button>
        </nav>
      </header>
      <main className="content">
        <ErrorBoundary what={route.name === 'session' ? 'this session' : route.name === 'panel' ? 'the panel' : route.name === 'compare' ? 'the side-by-side view' : 'the library'} resetKey={route.name === 'session' ? route.id : route.name}>
          <Suspense fallback={null}>
            {route.name === 'session' ? (
              <ReplayView key={route.id} id={route.id} initialT={route.t} />
            ) : route.name === 'compare' ? (
              <CompareView key={route.panes.map((p) => `${p.id}:${p.lane ?? ''}`).join(',')} route={route} />
            ) : route.name === 'panel' ? (
              <PanelView />
            ) : route.name === 'open' ? (
              <OpenByHash hash={route.hash} t={route.t} />
            ) : (
              <LibraryView />
            )}
          </Suspense>
        </ErrorBoundary>
      </main>
      <ImportPanel />
      <ReportDialog />
      <ConfirmDelete />
      <LinkConfirm />
      <ShortcutsSheet />
      <Toast />
      {dropping && (
        <div className="drop-overlay" aria-hidden>
          <div>Drop session files to import them</div>
        </div>
      )}
    </div>
  );
}
