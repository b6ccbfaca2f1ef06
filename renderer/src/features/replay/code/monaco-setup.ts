/**
 * Monaco, slimmed to what the Code pane needs: the editor core, the diff editor, codicons,
 * and the Monarch tokenizers of common languages (each loads on first use). No language
 * services, so the only worker is the editor worker, which computes diffs: without it the
 * diff editor never shows a change. Loaded with a dynamic import (see loadMonaco in
 * CodePane.tsx), so nothing here is paid for until a Code tab opens.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/diffEditor/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import 'monaco-editor/languages/definitions/typescript/register';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/python/register';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/languages/definitions/shell/register';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/definitions/css/register';
import 'monaco-editor/languages/definitions/scss/register';
import 'monaco-editor/languages/definitions/less/register';
import 'monaco-editor/languages/definitions/html/register';
import 'monaco-editor/languages/definitions/xml/register';
import 'monaco-editor/languages/definitions/go/register';
import 'monaco-editor/languages/definitions/rust/register';
import 'monaco-editor/languages/definitions/java/register';
import 'monaco-editor/languages/definitions/kotlin/register';
import 'monaco-editor/languages/definitions/swift/register';
import 'monaco-editor/languages/definitions/cpp/register';
import 'monaco-editor/languages/definitions/csharp/register';
import 'monaco-editor/languages/definitions/ruby/register';
import 'monaco-editor/languages/definitions/php/register';
import 'monaco-editor/languages/definitions/sql/register';
import 'monaco-editor/languages/definitions/dockerfile/register';
import 'monaco-editor/languages/definitions/ini/register';

import { StandaloneServices } from 'monaco-editor/editor/standalone/browser/standaloneServices';
import { IDiffProviderFactoryService, WorkerBasedDocumentDiffProvider } from 'monaco-editor/editor/browser/widget/diffEditor/diffProviderFactoryService';
import { DefaultLinesDiffComputer } from 'monaco-editor/editor/common/diff/defaultLinesDiffComputer/defaultLinesDiffComputer';
import { DiffAlgorithmResult, SequenceDiff } from 'monaco-editor/editor/common/diff/defaultLinesDiffComputer/algorithms/diffAlgorithm';
import { OffsetRange } from 'monaco-editor/editor/common/core/ranges/offsetRange';
import { createSyncDiffFactory, type DiffProvider } from './sync-diff';
import { createDpDiffing, installDpDiffing } from './dp-diff';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

// Monaco's own diff computer, with its small-input algorithm swapped for the same algorithm
// on reused typed arrays (dp-diff.ts), which leaves far less garbage behind each seek.
const computer = new DefaultLinesDiffComputer();
const dpPorted = installDpDiffing(computer, createDpDiffing({ OffsetRange, SequenceDiff, DiffAlgorithmResult }));

// Small diffs are computed in the calling task (see sync-diff.ts); the worker keeps the rest.
// Services are created on first use, which nothing above triggers (language registrations
// defer theirs), so the override below still takes effect; `diffSource` says whether it did.
const syncDiff = createSyncDiffFactory({
  computer,
  fallback: (options) => services.createInstance(WorkerBasedDocumentDiffProvider, options) as DiffProvider,
});
const services = StandaloneServices.initialize({ diffProviderFactoryService: { createDiffProvider: syncDiff.createDiffProvider } });
const installed = (StandaloneServices.get<{ createDiffProvider?: unknown }>(IDiffProviderFactoryService).createDiffProvider === syncDiff.createDiffProvider);

/** Whether the diff computer runs dp-diff.ts's port (true) or Monaco's own small-input diff. */
export const diffPorted = dpPorted;

/** Where diffs are computed: 'main' (small ones in the seek's own task) or 'worker' (all). */
export const diffSource: 'main' | 'worker' = installed ? 'main' : 'worker';
/** Counters for tests and the benchmark: diffs answered here and sent to the worker. */
export const diffStats = syncDiff.stats;

export { monaco };

/** Languages Monaco's registry does not cover by extension, by file name. */
const EXTRA: [RegExp, string][] = [
  [/\.(json|jsonc|json5)$/i, 'javascript'], // no JSON tokenizer without the JSON language service
  [/(^|\/)\.env(\.[^/]*)?$/i, 'ini'],
  [/\.toml$/i, 'ini'],
  [/(^|\/)(Makefile|GNUmakefile)$/, 'shell'],
];

let byExt: Map<string, string> | undefined;
let byName: Map<string, string> | undefined;

/** The Monaco language id for a path, from the registered languages; 'plaintext' when none. */
export function languageForPath(path: string): string {
  if (!byExt || !byName) {
    byExt = new Map();
    byName = new Map();
    for (const l of monaco.languages.getLanguages()) {
      for (const x of l.extensions ?? []) if (!byExt.has(x.toLowerCase())) byExt.set(x.toLowerCase(), l.id);
      for (const f of l.filenames ?? []) if (!byName.has(f)) byName.set(f, l.id);
    }
  }
  const name = path.slice(path.lastIndexOf('/') + 1);
  for (const [re, id] of EXTRA) if (re.test(path)) return id;
  const named = byName.get(name);
  if (named) return named;
  // Longest extension first: ".d.ts" before ".ts".
  for (let dot = name.indexOf('.'); dot !== -1; dot = name.indexOf('.', dot + 1)) {
    const id = byExt.get(name.slice(dot).toLowerCase());
    if (id) return id;
  }
  return 'plaintext';
}

/** Editor colours from the app's CSS variables, so the diff sits in the page rather than on it. */
export function applyTheme(dark: boolean): void {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => {
    const value = css.getPropertyValue(name).trim();
    return /^#[0-9a-f]{6}$/i.test(value) ? value : fallback;
  };
  const name = dark ? 'baton-dark' : 'baton-light';
  monaco.editor.defineTheme(name, {
    base: dark ? 'vs-dark' : 'vs',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': v('--surface', dark ? '#171b21' : '#ffffff'),
      'editorGutter.background': v('--surface', dark ? '#171b21' : '#ffffff'),
      'editorLineNumber.foreground': v('--muted', dark ? '#9aa4b2' : '#5b6470'),
      'editorWidget.border': v('--border', dark ? '#2d343e' : '#d9dde3'),
      'diffEditor.border': v('--border', dark ? '#2d343e' : '#d9dde3'),
      'diffEditor.unchangedRegionBackground': v('--surface-2', dark ? '#1e232b' : '#f1f3f6'),
    },
  });
  monaco.editor.setTheme(name);
}

type DiffEditor = monaco.editor.IStandaloneDiffEditor;
/** The internals `showTexts` uses; all optional, so a Monaco without them still works. */
interface DiffEditorInternals {
  _diffModel?: { get(): { dispose(): void } | undefined };
  _diffModelSrc?: { set(value: undefined, tx: undefined): void };
}
interface CodeEditorInternals {
  setHiddenAreas?(ranges: readonly monaco.IRange[]): void;
}

/**
 * Shows two new texts in a diff editor, reusing its text models and so its two editor views.
 *
 * `setModel` with fresh models disposes and rebuilds each editor's whole view (a hundred or so
 * elements apiece: layers, scrollbars, input area), which then have to be styled and laid out
 * again: a large share of a seek's cost in the Code tab. Replacing the models' text keeps the
 * views. Passing the same two models to `setModel` still gives the editor a new diff view
 * model, so the diff and its folded regions are computed afresh, as for new models.
 *
 * The old diff is detached before the text changes, in two steps:
 * - The editor is left without a diff for a moment, so it unfolds the folded lines and drops
 *   the diff's zones itself, as for any change of model. Hidden areas are model decorations,
 *   and setValue removes them; an editor that reads its hidden areas while the change is
 *   still being delivered then fails on the removed ones ("Cannot read properties of null",
 *   seen in the benchmark's 8-hour session, which counts uncaught page errors). Unfolding from
 *   outside (setHiddenAreas, the fallback should the internal slot go away) also works, but
 *   Monaco then schedules a second alignment of both sides for the next task.
 * - Its view model is disposed. Otherwise it reacts to the new text (it patches its old diff
 *   and starts a timer) just before it is replaced.
 */
export function showTexts(editor: DiffEditor, original: string, modified: string, language: string): void {
  const models = editor.getModel();
  if (!models) {
    editor.setModel({ original: monaco.editor.createModel(original, language), modified: monaco.editor.createModel(modified, language) });
    return;
  }
  const internals = editor as unknown as DiffEditorInternals;
  const oldDiff = internals._diffModel?.get();
  if (internals._diffModelSrc) internals._diffModelSrc.set(undefined, undefined);
  else for (const side of [editor.getOriginalEditor(), editor.getModifiedEditor()]) (side as unknown as CodeEditorInternals).setHiddenAreas?.([]);
  oldDiff?.dispose();
  for (const model of [models.original, models.modified]) if (model.getLanguageId() !== language) monaco.editor.setModelLanguage(model, language);
  models.original.setValue(original);
  models.modified.setValue(modified);
  editor.setModel({ original: models.original, modified: models.modified });
  editor.getModifiedEditor().setScrollPosition({ scrollTop: 0, scrollLeft: 0 }, monaco.editor.ScrollType.Immediate);
}
