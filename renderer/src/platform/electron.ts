import { MAX_READ_BYTES } from '../../../shared/ipc-limits';
import type { BatonBridge, PickedFileInfo } from '../../../shared/ipc';
import type { PlatformApi } from './types';

/** Bytes asked for per read (the bridge refuses more than MAX_READ_BYTES). */
const CHUNK_BYTES = Math.min(8 * 1024 * 1024, MAX_READ_BYTES);

/** Reads a picked file through the bridge, slice by slice, into a File. */
async function readPicked(bridge: BatonBridge, info: PickedFileInfo, chunkBytes: number): Promise<File> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  while (offset < info.size) {
    const length = Math.min(chunkBytes, info.size - offset);
    const chunk = await bridge.readFile({ token: info.token, offset, length });
    if (chunk.byteLength === 0) break; // the file shrank since it was picked
    // Bytes that came over IPC always sit in a plain ArrayBuffer.
    parts.push(chunk as Uint8Array<ArrayBuffer>);
    offset += chunk.byteLength;
  }
  return new File(parts, info.name);
}

/** The host API when running inside Electron, on top of the preload's `window.baton`. */
export function createElectronPlatform(bridge: BatonBridge, opts: { chunkBytes?: number } = {}): PlatformApi {
  const chunkBytes = Math.max(1, Math.min(opts.chunkBytes ?? CHUNK_BYTES, MAX_READ_BYTES));
  return {
    kind: 'electron',
    async pickFiles({ directory }) {
      const picked = await bridge.openFiles({ directory });
      const files: File[] = [];
      for (const info of picked) files.push(await readPicked(bridge, info, chunkBytes));
      return files;
    },
    async saveFile(suggestedName, data) {
      const bytes = new Uint8Array(await data.arrayBuffer());
      const res = await bridge.saveFile({ suggestedName, data: bytes });
      return res.saved;
    },
    openExternal: (url) => bridge.openExternal({ url }),
    onCommand: (cb) => bridge.onMenuCommand(cb),
    appVersion: () => bridge.appVersion(),
    printToPdf: async (suggestedName, html) => (await bridge.printReportPdf({ suggestedName, html })).saved,
    openAudienceWindow: (hash) => bridge.openAudienceWindow({ hash }),
  };
}
