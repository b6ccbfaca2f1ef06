/**
 * A zip holding a Claude Code project directory (or several): every transcript inside
 * becomes a session, with its subagent files as lanes (see shared/import/group.ts). The
 * zip goes through the same guarded reader as .baton archives (entry count, sizes, ratio,
 * CRC, unsafe names), and transcripts are read from memory one after another.
 */
import { GuardedUnzip } from '../archive/zip-stream';
import type { ImportContext } from '../import/context';
import { groupImportFiles } from '../import/group';
import { bytesSource } from '../import/memory-sink';
import type { FormatImporter, Sniff } from '../import/registry';
import { formatBytes } from '../import/limits';
import { ImportError } from '../import/types';
import { runClaudeTranscript } from './claude-code';

/** Transcripts a zip may hold in memory at once (they are read after the whole zip). */
const MAX_HELD_BYTES = 1024 * 1024 * 1024;

class Collect {
  private parts: Uint8Array[] = [];
  size = 0;
  data(c: Uint8Array): void {
    this.parts.push(c);
    this.size += c.byteLength;
  }
  end(): void {}
  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.byteLength;
    }
    this.parts = [];
    return out;
  }
}

/** A .jsonl entry outside hidden and __MACOSX folders. */
function isTranscript(name: string): boolean {
  return !name.endsWith('/') && /\.jsonl$/i.test(name) && !name.split('/').some((p) => p.startsWith('.') || p === '__MACOSX');
}

const noTranscripts = (file: string) => `${file}: the zip holds no .jsonl transcripts (and no manifest.json, so it is not a .baton archive either)`;

export const claudeProjectZipImporter: FormatImporter = {
  format: 'claude-code',
  label: 'Claude Code project folder (.zip)',
  detect(s: Sniff) {
    if (!s.isZip) return 0;
    // Local file headers carry entry names in the clear; a .baton archive names manifest.json.
    if (s.text.includes('manifest.json')) return 0;
    // A Baton archive's own events.jsonl does not make a project folder.
    const names = s.text.match(/[\w./-]+\.jsonl/g) ?? [];
    return names.some((n) => n !== 'events.jsonl') ? 0.8 : 0;
  },
  async run(ctx: ImportContext) {
    const file = ctx.fileName;
    const entries = new Map<string, Collect>();
    let ignored = 0;
    let held = 0;
    const unzip = await GuardedUnzip.open(ctx.source, ctx.limits, (name) => {
      if (name.endsWith('/')) return undefined;
      if (!isTranscript(name)) {
        ignored++;
        return undefined;
      }
      const c = new Collect();
      entries.set(name, c);
      return {
        data(chunk: Uint8Array) {
          // Every transcript is held in memory until the whole zip is read.
          held += chunk.byteLength;
          if (held > MAX_HELD_BYTES) throw new ImportError(`${file}: its transcripts expand to more than ${formatBytes(MAX_HELD_BYTES)}; unzip it and import the folder instead`);
          c.data(chunk);
        },
        end: () => c.end(),
      };
    });
    // The directory already says whether there is a transcript to read.
    if (![...unzip.entryNames].some(isTranscript)) throw new ImportError(noTranscripts(file));
    for await (const chunk of ctx.chunks()) await unzip.push(chunk);
    await unzip.end();
    if (entries.size === 0) throw new ImportError(noTranscripts(file));
    if (ignored) ctx.problems.add({ file, severity: 'warning', reason: `${ignored} entries that are not .jsonl transcripts were ignored` });
    const names = [...entries.keys()].sort();
    let imported = 0;
    for (const unit of groupImportFiles(names)) {
      const name = names[unit.main]!;
      const src = (n: string) => bytesSource(`${file}:${n}`, entries.get(n)!.bytes(), 256 * 1024);
      const input = ctx.companionReader(src(name));
      const companions = unit.companions.map((c) => ({ source: src(names[c.index]!), lane: c.lane }));
      try {
        await runClaudeTranscript(ctx, {}, input, companions);
        imported++;
      } catch (e) {
        if (!(e instanceof ImportError)) throw e;
        ctx.problems.add({ file: `${file}:${name}`, severity: 'error', reason: `not imported: ${e.message}` });
      }
      ctx.checkCancelled();
    }
    if (imported === 0) throw new ImportError(`${file}: none of the ${names.length} transcripts in the zip could be imported (see the problems listed)`);
  },
};
