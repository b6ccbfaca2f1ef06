/**
 * Durable storage: asks the browser not to evict the library under storage pressure
 * (navigator.storage.persist; in Electron the profile is durable anyway) and reports the
 * space used. Both degrade to "unknown" where the API is missing.
 */
export interface StorageInfo {
  usedBytes?: number;
  quotaBytes?: number;
  /** True once the browser granted persistence, false if refused, undefined if unknown. */
  persisted?: boolean;
}

function manager(): StorageManager | undefined {
  return typeof navigator !== 'undefined' ? navigator.storage : undefined;
}

/** Asks once for persistent storage; the answer is the browser's (it may refuse). */
export async function requestPersistence(): Promise<boolean | undefined> {
  const m = manager();
  if (!m?.persist) return undefined;
  try {
    return (await m.persisted()) || (await m.persist());
  } catch {
    return undefined;
  }
}

export async function storageInfo(): Promise<StorageInfo> {
  const m = manager();
  if (!m?.estimate) return {};
  try {
    const [est, persisted] = await Promise.all([m.estimate(), m.persisted ? m.persisted() : Promise.resolve(undefined)]);
    return { usedBytes: est.usage, quotaBytes: est.quota, ...(persisted === undefined ? {} : { persisted }) };
  } catch {
    return {};
  }
}

/** "12.3 MiB used of 20.00 GiB · kept on this device" (or fewer parts when unknown). */
export function describeStorage(info: StorageInfo, fmt: (bytes: number) => string): string {
  if (info.usedBytes === undefined) return '';
  const parts = [`${fmt(info.usedBytes)} used${info.quotaBytes ? ` of ${fmt(info.quotaBytes)}` : ''}`];
  if (info.persisted === true) parts.push('kept on this device');
  else if (info.persisted === false) parts.push('the browser may clear it when space runs low');
  return parts.join(' · ');
}
