#!/usr/bin/env node
/**
 * `npm start`: makes sure the Electron binary is there (downloading it with Electron's own
 * installer when it is not), then builds and runs the desktop app with `electron-vite preview`.
 * When the binary cannot be had, exits 1 with a short paragraph saying what to do.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureElectron } from './start/electron-binary.mjs';

const root = join(import.meta.dirname, '..');
const found = await ensureElectron({ root });
if (!found.ok) {
  console.error(found.message);
  process.exit(1);
}
const child = spawn(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'preview', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_EXEC_PATH: found.path },
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
