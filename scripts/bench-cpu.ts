/**
 * CPU time of Chromium's processes through CDP (SystemInfo.getProcessInfo): the renderer
 * (the page and its workers: the import worker's parsing and IndexedDB requests) and the
 * browser process (where IndexedDB writes its files). Unlike wall time it hardly moves when
 * other work shares the cores, so a change that saves work shows even on a loaded machine.
 */
import type { Browser } from '@playwright/test';

export interface CpuTimes {
  /** Milliseconds of CPU, summed over the processes of each type. */
  renderer: number;
  browser: number;
  /** Every Chromium process (renderer, browser, GPU, utility). */
  all: number;
}

type ProcessInfo = { processInfo: { type: string; id: number; cpuTime: number }[] };

/** A reader of cumulative CPU time; subtract two readings for what happened between them. */
export async function cpuClock(browser: Browser): Promise<() => Promise<CpuTimes>> {
  const cdp = await browser.newBrowserCDPSession();
  return async () => {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as ProcessInfo;
    const sum = (type: string) => processInfo.filter((p) => p.type === type).reduce((n, p) => n + p.cpuTime * 1000, 0);
    return { renderer: sum('renderer'), browser: sum('browser'), all: processInfo.reduce((n, p) => n + p.cpuTime * 1000, 0) };
  };
}

/**
 * This browser's renderer processes now, the busiest first (a page and its workers run in one):
 * their PIDs, from Chromium itself, so another browser on the machine is never counted.
 */
export async function rendererPids(browser: Browser): Promise<number[]> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as ProcessInfo;
    return processInfo
      .filter((p) => p.type === 'renderer')
      .sort((a, b) => b.cpuTime - a.cpuTime)
      .map((p) => p.id);
  } finally {
    await cdp.detach();
  }
}

export function cpuSince(a: CpuTimes, b: CpuTimes): CpuTimes {
  return { renderer: b.renderer - a.renderer, browser: b.browser - a.browser, all: b.all - a.all };
}
