/** Largest slice the renderer may request per read (ipc.ts holds the channels' schemas; the renderer's platform layer needs only this at start-up). */
export const MAX_READ_BYTES = 16 * 1024 * 1024;
