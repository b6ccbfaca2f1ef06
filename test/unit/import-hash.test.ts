/**
 * The import's content hash is the SHA-256 of the file's bytes whichever way it is computed
 * (the platform's WebCrypto after reading, or JavaScript while streaming when WebCrypto is
 * missing or the file is large): libraries built before still recognise the same bytes.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { NATIVE_HASH_MIN } from '../../shared/import/context';
import { importSource } from '../../shared/import/pipeline';
import { text, Transcript } from './helpers/claude-fixture';

// Large enough for the WebCrypto path.
const bytes = new TextEncoder().encode(new Transcript().user(0, `hash me ${'x'.repeat(NATIVE_HASH_MIN)}`).asst(1, 'm1', [text('ok')]).text);
const want = createHash('sha256').update(bytes).digest('hex');
const hashOf = async () => (await importSource(bytesSource('h.jsonl', bytes, 4099), new MemorySink(), { now: () => 0 })).contentHash;

describe('import content hash', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('is the SHA-256 of the bytes with WebCrypto', async () => {
    const digest = vi.spyOn(globalThis.crypto.subtle, 'digest');
    expect(await hashOf()).toBe(want);
    expect(digest).toHaveBeenCalledTimes(1);
  });

  it('is the same SHA-256 without WebCrypto (hashed while streaming)', async () => {
    vi.stubGlobal('crypto', undefined);
    expect(await hashOf()).toBe(want);
  });
});
