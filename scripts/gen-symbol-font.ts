/** `npm run fonts`: writes renderer/src/assets/baton-symbols.ttf from scripts/symbol-font/build.ts. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSymbolFont, symbolCodePoints } from './symbol-font/build';

export const FONT_PATH = join(import.meta.dirname, '..', 'renderer', 'src', 'assets', 'baton-symbols.ttf');

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  mkdirSync(dirname(FONT_PATH), { recursive: true });
  const font = buildSymbolFont();
  writeFileSync(FONT_PATH, font);
  console.log(`${FONT_PATH}: ${font.length} bytes, ${symbolCodePoints().length} glyphs`);
  console.log(`unicode-range: ${symbolCodePoints().map((c) => `U+${c.toString(16).toUpperCase()}`).join(', ')}`);
}
