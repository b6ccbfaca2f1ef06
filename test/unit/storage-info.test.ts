import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeStorage, requestPersistence, storageInfo } from '../../renderer/src/db/persist';
import { formatBytes } from '../../shared/import/limits';

afterEach(() => vi.unstubAllGlobals());

describe('storage the browser keeps', () => {
  it('asks for persistence once when not yet granted, and reports what the browser answered', async () => {
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persisted: async () => false, persist, estimate: async () => ({}) } });
    expect(await requestPersistence()).toBe(true);
    expect(persist).toHaveBeenCalledTimes(1);
  });

  it('does not ask again when the library is already persistent', async () => {
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persisted: async () => true, persist } });
    expect(await requestPersistence()).toBe(true);
    expect(persist).not.toHaveBeenCalled();
  });

  it('shows the space used and whether the browser may clear it', async () => {
    vi.stubGlobal('navigator', { storage: { persisted: async () => false, estimate: async () => ({ usage: 5 * 1048576, quota: 2 * 1073741824 }) } });
    expect(describeStorage(await storageInfo(), formatBytes)).toBe('5.0 MiB used of 2.00 GiB · the browser may clear it when space runs low');
    expect(describeStorage({ usedBytes: 2048, persisted: true }, formatBytes)).toBe('2.0 KiB used · kept on this device');
  });

  it('shows nothing where the storage API is missing', async () => {
    vi.stubGlobal('navigator', {});
    expect(await requestPersistence()).toBeUndefined();
    expect(describeStorage(await storageInfo(), formatBytes)).toBe('');
  });
});
