/**
 * Groups the files of a folder or zip into import units. A Claude Code project directory
 * holds one transcript per session and the transcripts of its subagents:
 * `<sessionId>/subagents/agent-<id>.jsonl` (2.1) or sibling `agent-<id>.jsonl` files (2.0).
 * Each transcript becomes one unit with its subagent files as companions, imported into the
 * same session as sub-lanes. Everything else is a unit of its own. Pure: paths in, units out.
 */

export interface ImportUnit {
  /** Index (into the given paths) of the file the unit is named after. */
  main: number;
  /** Subagent files imported into the same session. */
  companions: { index: number; lane: string }[];
}

const AGENT_RE = /(?:^|\/)agent-([\w-]+)\.jsonl$/i;

function norm(p: string): string {
  return p.replace(/\\/g, '/');
}

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i === -1 ? '' : p.slice(0, i);
}

function stem(p: string): string {
  const base = p.slice(p.lastIndexOf('/') + 1);
  return base.replace(/\.jsonl$/i, '');
}

/** The lane id a subagent file stands for (`agent-abc.jsonl` → `abc`), or undefined. */
export function subagentLane(path: string): string | undefined {
  return AGENT_RE.exec(norm(path))?.[1];
}

export function groupImportFiles(paths: readonly string[]): ImportUnit[] {
  const ps = paths.map(norm);
  const transcripts = new Map<string, number>(); // "<dir>/<stem>" → index, for .jsonl that are not agent files
  ps.forEach((p, i) => {
    if (/\.jsonl$/i.test(p) && !AGENT_RE.test(p)) transcripts.set(`${dirOf(p)}/${stem(p)}`, i);
  });
  const companions = new Map<number, { index: number; lane: string }[]>();
  const attached = new Set<number>();
  ps.forEach((p, i) => {
    const lane = subagentLane(p);
    if (!lane) return;
    const dir = dirOf(p);
    let parent: number | undefined;
    // 2.1: <project>/<sessionId>/subagents/agent-x.jsonl → <project>/<sessionId>.jsonl
    if (dir.endsWith('/subagents') || dir === 'subagents') {
      const sessionDir = dirOf(p).slice(0, -'/subagents'.length);
      parent = transcripts.get(`${dirOf(sessionDir)}/${sessionDir.slice(sessionDir.lastIndexOf('/') + 1)}`);
    } else {
      // 2.0: siblings. Attach only when exactly one transcript shares the folder.
      const here = [...transcripts.entries()].filter(([k]) => dirOf(k) === dir || (dir === '' && k.startsWith('/') && !k.slice(1).includes('/')));
      if (here.length === 1) parent = here[0]![1];
    }
    if (parent === undefined) return;
    (companions.get(parent) ?? companions.set(parent, []).get(parent)!).push({ index: i, lane });
    attached.add(i);
  });
  const units: ImportUnit[] = [];
  ps.forEach((_, i) => {
    if (attached.has(i)) return;
    units.push({ main: i, companions: (companions.get(i) ?? []).sort((a, b) => a.lane.localeCompare(b.lane)) });
  });
  return units;
}
