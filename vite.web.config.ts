/**
 * The renderer as a plain web app (same code as the Electron renderer): `npm run web` serves
 * it on 127.0.0.1, the e2e tests and the benchmark drive its production build in Chromium.
 */
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from './shared/csp.ts';

/** Set by the benchmarks' build (scripts/bench-common.ts) for its second pass: the harness page only. */
const BENCH_PAGE = process.env.BATON_BENCH_PAGE === '1';

const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8')) as { version: string };

/** The built app carries the same Content-Security-Policy as the Electron window. */
function cspMeta(): Plugin {
  return {
    name: 'baton-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react(), cspMeta()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, fs: { allow: [import.meta.dirname] } },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: {
    outDir: resolve(import.meta.dirname, 'dist-web'),
    // The bench page is built after the app into the same directory (scripts/bench-common.ts: buildWeb).
    emptyOutDir: !BENCH_PAGE,
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      // The app alone, as the Electron renderer is built: a second input sharing the app's
      // modules would split its start-up code into a dozen files (a request each, before the
      // first screen). The benchmark harness page (nothing in the app links to it) is its own build.
      input: BENCH_PAGE ? { bench: resolve(import.meta.dirname, 'renderer/bench.html') } : { main: resolve(import.meta.dirname, 'renderer/index.html') },
      // Every module the first screen imports statically in one file beside the entry: left to
      // itself the bundler gives each module the lazy views share with it a file of its own
      // (React, Dexie, the stores…), a dozen requests before anything runs.
      output: { codeSplitting: { groups: [{ name: 'start', tags: ['$initial'] }] } },
    },
  },
});
