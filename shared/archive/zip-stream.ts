import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import type { ImportLimits } from '../import/limits';
import { formatBytes } from '../import/limits';
import { ImportError } from '../import/types';
import { unsafeEntryReason } from './manifest';

/** Receives one entry's bytes as they inflate. */
export interface EntryHandler {
  data(chunk: Uint8Array): void;
  end(): void;
}

/**
 * Streams a zip through fflate, enforcing the limits that protect against hostile archives:
 * entry count, unsafe names, total uncompressed size and expansion ratio. Input is pushed in
 * small slices so that even a maximally compressed chunk inflates to a bounded size before
 * the guards run.
 */
export class GuardedUnzip {
  private readonly unzip: Unzip;
  private entries = 0;
  private open = new Set<string>();
  private failure: ImportError | undefined;
  private compressedIn = 0;
  uncompressed = 0;

  constructor(
    private readonly fileName: string,
    private readonly limits: ImportLimits,
    private readonly onEntry: (name: string) => EntryHandler | undefined,
  ) {
    this.unzip = new Unzip((file) => this.handleFile(file));
    this.unzip.register(UnzipInflate);
  }

  get entryCount(): number {
    return this.entries;
  }

  private fail(err: ImportError): void {
    if (!this.failure) this.failure = err;
  }

  private handleFile(file: UnzipFile): void {
    if (this.failure) return;
    this.entries++;
    if (this.entries > this.limits.maxEntries) {
      this.fail(new ImportError(`${this.fileName}: archive has more than ${this.limits.maxEntries} entries`));
      return;
    }
    const unsafe = unsafeEntryReason(file.name);
    if (unsafe) {
      this.fail(new ImportError(`${this.fileName}: unsafe archive — ${unsafe}`, undefined, file.name));
      return;
    }
    if (file.compression !== 0 && file.compression !== 8) {
      this.fail(new ImportError(`${this.fileName}: entry "${file.name}" uses unsupported compression method ${file.compression}`, undefined, file.name));
      return;
    }
    if (file.originalSize !== undefined && file.originalSize > this.limits.maxUncompressedBytes) {
      this.fail(this.bomb(`entry "${file.name}" declares ${formatBytes(file.originalSize)}`));
      return;
    }
    const handler = file.name.endsWith('/') ? undefined : this.onEntry(file.name);
    this.open.add(file.name);
    file.ondata = (err, chunk, final) => {
      if (this.failure) return;
      if (err) {
        this.fail(new ImportError(`${this.fileName}: entry "${file.name}" is corrupt (${err.message})`, undefined, file.name));
        return;
      }
      this.uncompressed += chunk.byteLength;
      const guard = this.checkGuards();
      if (guard) {
        this.fail(guard);
        file.terminate();
        return;
      }
      handler?.data(chunk);
      if (final) {
        this.open.delete(file.name);
        handler?.end();
      }
    };
    file.start();
  }

  private bomb(detail: string): ImportError {
    return new ImportError(
      `${this.fileName}: looks like a zip bomb — ${detail}; limits are ${formatBytes(this.limits.maxUncompressedBytes)} uncompressed and a ${this.limits.maxCompressionRatio}:1 ratio`,
    );
  }

  private checkGuards(): ImportError | undefined {
    if (this.uncompressed > this.limits.maxUncompressedBytes) {
      return this.bomb(`it expands past ${formatBytes(this.limits.maxUncompressedBytes)}`);
    }
    if (this.uncompressed > this.limits.ratioFloorBytes) {
      const ratio = this.uncompressed / Math.max(1, this.compressedIn);
      if (ratio > this.limits.maxCompressionRatio) {
        return this.bomb(`${formatBytes(this.compressedIn)} expanded to ${formatBytes(this.uncompressed)} (${Math.round(ratio)}:1)`);
      }
    }
    return undefined;
  }

  /** Pushes input; throws the first guard failure. */
  push(chunk: Uint8Array): void {
    const SLICE = 64 * 1024;
    for (let off = 0; off < chunk.byteLength; off += SLICE) {
      const part = chunk.subarray(off, Math.min(chunk.byteLength, off + SLICE));
      this.compressedIn += part.byteLength;
      try {
        this.unzip.push(part, false);
      } catch (e) {
        this.fail(e instanceof ImportError ? e : new ImportError(`${this.fileName}: not a valid zip archive (${(e as Error).message})`));
      }
      if (this.failure) throw this.failure;
    }
  }

  end(): void {
    try {
      this.unzip.push(new Uint8Array(0), true);
    } catch (e) {
      this.fail(new ImportError(`${this.fileName}: not a valid zip archive (${(e as Error).message})`));
    }
    if (this.failure) throw this.failure;
    if (this.entries === 0) throw new ImportError(`${this.fileName}: the zip archive holds no entries`);
    if (this.open.size > 0) {
      const first = [...this.open][0];
      throw new ImportError(`${this.fileName}: archive is truncated — entry "${first}" ends early`, undefined, first);
    }
  }
}
