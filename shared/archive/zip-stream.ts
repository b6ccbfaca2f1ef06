import CRC32 from 'crc-32';
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import type { ImportLimits } from '../import/limits';
import type { ByteSource } from '../import/types';
import { readCentralDirectory, type CdEntry } from './central-directory';
import { formatBytes } from '../import/limits';
import { ImportError } from '../import/types';
import { unsafeEntryReason } from './manifest';
import { NativeInflate, nativeInflateAvailable } from './native-inflate';

/** Receives one entry's bytes as they inflate. */
export interface EntryHandler {
  data(chunk: Uint8Array): void;
  end(): void;
}

/**
 * Streams a zip through fflate, enforcing the limits that protect against hostile archives.
 * Before anything inflates, the central directory is read and checked: entry count, unsafe
 * names, declared total size and ratio. While streaming, the real inflated bytes are counted
 * (declared sizes can lie) and each entry's CRC-32 is verified against the directory. Input
 * is pushed in small slices so that even a maximally compressed chunk inflates to a bounded
 * size before the guards run. Deflated entries inflate natively where the platform can
 * (native-inflate.ts), asynchronously: each slice's output is awaited before the next.
 */
export class GuardedUnzip {
  /** Reads and checks the central directory, then returns a ready unzipper. */
  static async open(source: ByteSource, limits: ImportLimits, onEntry: (name: string) => EntryHandler | undefined): Promise<GuardedUnzip> {
    const cd = await readCentralDirectory(source, limits.maxEntries);
    const file = source.name;
    let declared = 0;
    let compressed = 0;
    const bomb = (detail: string) =>
      new ImportError(`${file}: looks like a zip bomb — ${detail}; limits are ${formatBytes(limits.maxUncompressedBytes)} uncompressed and a ${limits.maxCompressionRatio}:1 ratio`);
    for (const e of cd) {
      const unsafe = unsafeEntryReason(e.name);
      if (unsafe) throw new ImportError(`${file}: unsafe archive — ${unsafe}`, undefined, e.name);
      declared += e.size;
      compressed += e.compressedSize;
      // Each entry is judged on its own: stored padding elsewhere cannot hide a bomb.
      if (e.size > limits.ratioFloorBytes && e.size / Math.max(1, e.compressedSize) > limits.maxCompressionRatio) {
        throw bomb(`entry "${e.name}" declares ${formatBytes(e.size)} from ${formatBytes(e.compressedSize)} (${Math.round(e.size / Math.max(1, e.compressedSize))}:1)`);
      }
    }
    if (compressed > source.size) throw new ImportError(`${file}: archive is inconsistent — its entries claim more compressed bytes than the file holds`);
    if (declared > limits.maxUncompressedBytes) throw bomb(`its entries declare ${formatBytes(declared)}`);
    if (declared > limits.ratioFloorBytes && declared / source.size > limits.maxCompressionRatio) {
      throw bomb(`${formatBytes(source.size)} declares ${formatBytes(declared)} (${Math.round(declared / source.size)}:1)`);
    }
    return new GuardedUnzip(file, limits, onEntry, cd);
  }

  /** Directory entries by the name fflate reports (see zip-names.ts). */
  private readonly directory = new Map<string, CdEntry>();
  private readonly names = new Set<string>();
  private readonly crcs = new Map<string, number>();
  private readonly unzip: Unzip;
  /** Entries inflating natively, whose output may still be on its way. */
  private readonly inflating = new Set<NativeInflate>();
  private entries = 0;
  private open = new Set<string>();
  private failure: ImportError | undefined;
  private compressedIn = 0;
  uncompressed = 0;

  constructor(
    private readonly fileName: string,
    private readonly limits: ImportLimits,
    private readonly onEntry: (name: string) => EntryHandler | undefined,
    directory: CdEntry[],
  ) {
    for (const e of directory) {
      this.directory.set(e.key, e);
      this.names.add(e.name);
    }
    this.unzip = new Unzip((file) => this.handleFile(file));
    if (nativeInflateAvailable) {
      const inflating = this.inflating;
      this.unzip.register(
        class extends NativeInflate {
          constructor() {
            super();
            inflating.add(this);
            void this.done.then(() => inflating.delete(this));
          }
        },
      );
    } else {
      this.unzip.register(UnzipInflate);
    }
  }

  get entryCount(): number {
    return this.entries;
  }

  /** The entries the central directory lists, known before a byte is inflated. */
  get entryNames(): ReadonlySet<string> {
    return this.names;
  }

  /** Whether the central directory lists an entry: known before a byte is inflated. */
  has(name: string): boolean {
    return this.names.has(name);
  }

  private fail(err: ImportError): void {
    if (!this.failure) this.failure = err;
  }

  private handleFile(file: UnzipFile): void {
    if (this.failure) return;
    this.entries++;
    const listed = this.directory.get(file.name);
    const name = listed?.name ?? file.name;
    if (this.entries > this.limits.maxEntries) {
      this.fail(new ImportError(`${this.fileName}: archive has more than ${this.limits.maxEntries} entries`));
      return;
    }
    const unsafe = unsafeEntryReason(name);
    if (unsafe) {
      this.fail(new ImportError(`${this.fileName}: unsafe archive — ${unsafe}`, undefined, name));
      return;
    }
    if (file.compression !== 0 && file.compression !== 8) {
      this.fail(new ImportError(`${this.fileName}: entry "${name}" uses unsupported compression method ${file.compression}`, undefined, name));
      return;
    }
    if (file.originalSize !== undefined && file.originalSize > this.limits.maxUncompressedBytes) {
      this.fail(this.bomb(`entry "${name}" declares ${formatBytes(file.originalSize)}`));
      return;
    }
    if (!listed) {
      this.fail(new ImportError(`${this.fileName}: archive is inconsistent — entry "${name}" is not in its directory`, undefined, name));
      return;
    }
    const handler = name.endsWith('/') ? undefined : this.onEntry(name);
    this.open.add(name);
    let crc = 0;
    let inflated = 0;
    // The entry's own ratio, against the compressed size its directory record gives (the
    // whole file's ratio can be kept low with stored padding).
    const maxEntryBytes = Math.max(this.limits.ratioFloorBytes, listed.compressedSize * this.limits.maxCompressionRatio);
    file.ondata = (err, chunk, final) => {
      if (this.failure) return;
      if (err) {
        this.fail(new ImportError(`${this.fileName}: entry "${name}" is corrupt (${err.message})`, undefined, name));
        return;
      }
      this.uncompressed += chunk.byteLength;
      inflated += chunk.byteLength;
      const guard =
        inflated > maxEntryBytes
          ? this.bomb(`entry "${name}" expanded to ${formatBytes(inflated)} from ${formatBytes(listed.compressedSize)} (${Math.round(inflated / Math.max(1, listed.compressedSize))}:1)`)
          : this.checkGuards();
      if (guard) {
        this.fail(guard);
        file.terminate();
        return;
      }
      crc = CRC32.buf(chunk, crc);
      if (final && crc >>> 0 !== listed.crc >>> 0) {
        this.fail(new ImportError(`${this.fileName}: entry "${name}" is corrupt (checksum mismatch)`, undefined, name));
        return;
      }
      try {
        handler?.data(chunk);
        if (final) {
          this.open.delete(name);
          this.crcs.set(name, crc);
          handler?.end();
        }
      } catch (e) {
        // A handler's own limit (or any failure in it) stops the archive, as it did when
        // inflating ran inside push().
        this.fail(e instanceof ImportError ? e : new ImportError(`${this.fileName}: not a valid zip archive (${(e as Error).message})`));
        file.terminate();
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

  /** Waits until every entry inflating natively has handed over what it was given. */
  private async settle(): Promise<void> {
    // Inflaters start only inside unzip.push(), so none appears while this waits.
    if (this.inflating.size > 0) await Promise.all([...this.inflating].map((d) => d.settled()));
  }

  /** Stops every native inflater and throws the first failure. */
  private throwFailure(err: ImportError): never {
    for (const d of this.inflating) d.terminate();
    this.inflating.clear();
    throw err;
  }

  /** Pushes input; throws the first guard failure. */
  async push(chunk: Uint8Array): Promise<void> {
    const SLICE = 64 * 1024;
    for (let off = 0; off < chunk.byteLength; off += SLICE) {
      const part = chunk.subarray(off, Math.min(chunk.byteLength, off + SLICE));
      this.compressedIn += part.byteLength;
      try {
        this.unzip.push(part, false);
      } catch (e) {
        this.fail(e instanceof ImportError ? e : new ImportError(`${this.fileName}: not a valid zip archive (${(e as Error).message})`));
      }
      if (!this.failure) await this.settle();
      if (this.failure) this.throwFailure(this.failure);
    }
  }

  async end(): Promise<void> {
    try {
      this.unzip.push(new Uint8Array(0), true);
    } catch (e) {
      this.fail(new ImportError(`${this.fileName}: not a valid zip archive (${(e as Error).message})`));
    }
    if (!this.failure) await this.settle();
    if (this.failure) this.throwFailure(this.failure);
    if (this.entries === 0) throw new ImportError(`${this.fileName}: the zip archive holds no entries`);
    if (this.open.size > 0) {
      const first = [...this.open][0];
      throw new ImportError(`${this.fileName}: archive is truncated — entry "${first}" ends early`, undefined, first);
    }
    for (const name of this.names) {
      if (!name.endsWith('/') && !this.crcs.has(name)) {
        throw new ImportError(`${this.fileName}: archive is damaged — entry "${name}" could not be read`, undefined, name);
      }
    }
  }
}
