/**
 * Build of the desktop app: main (ESM, Node side), preload (CommonJS, runs in the sandbox),
 * renderer (the same React app as the web build). `npx electron-vite build` writes out/.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from './shared/csp';

const root = import.meta.dirname;
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };

/**
 * Puts the Content-Security-Policy into the built index.html as well. Main sets it as a
 * response header, but file:// responses have not passed through webRequest in every
 * Electron version (electron/electron#23485), so the packaged app does not rely on the
 * header alone. Skipped when index.html already has a CSP meta tag.
 */
function cspMetaTag(): Plugin {
  return {
    name: 'baton:csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      if (/http-equiv=["']Content-Security-Policy["']/i.test(html)) return html;
      return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META }, injectTo: 'head-prepend' }];
    },
  };
}

export default defineConfig({
  main: {
    build: {
      // Bundle zod and the shared core: out/main runs without node_modules. electron and
      // Node built-ins stay external (electron-vite's preset).
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/main/index.ts') },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can only require('electron') and a few built-ins: everything
      // else (shared/ipc.ts) is bundled into one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), cspMetaTag()],
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    worker: { format: 'es' },
    build: {
      outDir: resolve(root, 'out/renderer'),
      chunkSizeWarningLimit: 4096,
      rolldownOptions: {
        input: resolve(root, 'renderer/index.html'),
      },
    },
  },
});
