/**
 * The renderer as a plain web app (same code as the Electron renderer): `npm run web` serves
 * it on 127.0.0.1, the e2e tests and the benchmark drive its production build in Chromium.
 */
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from './shared/csp.ts';

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
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'renderer/index.html'),
        // The benchmark harness page; nothing in the app links to it.
        bench: resolve(import.meta.dirname, 'renderer/bench.html'),
      },
    },
  },
});
