#!/usr/bin/env node
/**
 * `npx baton …`: the compiled command line (out/cli/baton.mjs, made by `npm run build:cli`,
 * which `npm ci` runs through the prepare script). Before that build exists it runs the
 * sources through tsx instead (slower to start, same behaviour).
 */
import { existsSync } from 'node:fs';

const built = new URL('../out/cli/baton.mjs', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../electron/cli/main.ts', import.meta.url).href);
}
