/**
 * The `baton` command line compiled once, for Node: out/cli/baton.mjs (with the score worker
 * beside it), so `npx baton` starts in a fraction of a second instead of transpiling the
 * sources through tsx on every call. Everything but Node's built-ins is bundled; each
 * command's code is a chunk of its own, loaded only when that command runs.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  logLevel: 'warn',
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: true,
    target: 'node20',
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    minify: false,
    reportCompressedSize: false,
    rollupOptions: {
      input: { baton: resolve(root, 'electron/cli/main.ts'), 'score-worker': resolve(root, 'electron/cli/score-worker.ts') },
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'baton-[name]-[hash].mjs' },
    },
  },
});
