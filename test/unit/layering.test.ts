import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layering rules are lint rules; this proves they fire (and would catch a regression in the config). */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedMessages(filePath: string, code: string): Promise<string[]> {
  const [res] = await eslint.lintText(code, { filePath });
  return (res?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('layering', () => {
  it.each([
    ["import React from 'react';", 'react'],
    ["import Dexie from 'dexie';", 'dexie'],
    ["import { app } from 'electron';", 'electron'],
    ["import { readFileSync } from 'node:fs';", 'node:fs'],
    ["import { join } from 'path';", 'path'],
    ["import { db } from '../renderer/src/db/schema';", 'renderer code'],
  ])('shared/ may not import %s', async (code) => {
    expect(await restrictedMessages('shared/model/x.ts', `${code}\nexport {};\n`)).not.toEqual([]);
  });

  it('shared/ may not touch window or process', async () => {
    expect(await restrictedMessages('shared/model/x.ts', 'export const w = window.location;\n')).not.toEqual([]);
    expect(await restrictedMessages('shared/model/x.ts', 'export const e = process.env;\n')).not.toEqual([]);
  });

  it('the renderer may not import Electron or Node, nor electron/ code', async () => {
    expect(await restrictedMessages('renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport { ipcRenderer };\n")).not.toEqual([]);
    expect(await restrictedMessages('renderer/src/x.ts', "import { readFile } from 'node:fs/promises';\nexport { readFile };\n")).not.toEqual([]);
    expect(await restrictedMessages('renderer/src/x.ts', "import { x } from '../../electron/main/ipc';\nexport { x };\n")).not.toEqual([]);
  });

  it('electron/ may not import renderer code', async () => {
    expect(await restrictedMessages('electron/main/x.ts', "import { db } from '../../renderer/src/db/schema';\nexport { db };\n")).not.toEqual([]);
  });

  it('allowed imports pass', async () => {
    expect(await restrictedMessages('shared/model/x.ts', "import { z } from 'zod';\nexport const s = z.string();\n")).toEqual([]);
    expect(await restrictedMessages('renderer/src/x.ts', "import { create } from 'zustand';\nexport { create };\n")).toEqual([]);
  });
});
