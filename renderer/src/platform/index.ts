import type { BatonBridge } from '../../../shared/ipc';
import type { PlatformApi } from './types';
import { createWebPlatform } from './web';
import { createElectronPlatform } from './electron';

declare global {
  interface Window {
    baton?: BatonBridge;
  }
}

let current: PlatformApi | undefined;

/** The host the renderer runs in: Electron (through the preload bridge) or a browser. */
export function platform(): PlatformApi {
  current ??= window.baton ? createElectronPlatform(window.baton) : createWebPlatform();
  return current;
}

export type { PlatformApi };
