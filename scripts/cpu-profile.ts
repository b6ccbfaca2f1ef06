/** Reading a V8 CPU profile (CDP Profiler.stop) for the profiling aids. */

export interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Prints self and total time per function, in ms per seek over `n` seeks, the slowest first. */
export function printPerSeek(p: Profile, n: number, selfRows = 30, totalRows = 50): void {
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, number>();
  for (const x of p.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const label = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
  };
  p.samples.forEach((id, i) => {
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(label(id), (self.get(label(id)) ?? 0) + dt);
    // A function counts once per sample in its total, however often it recurs on the stack.
    const seen = new Set<string>();
    for (let c: number | undefined = id; c !== undefined; c = parent.get(c)) {
      const l = label(c);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + dt);
    }
  });
  const top = (m: Map<string, number>, k: number) => [...m].filter(([l]) => !/^\((idle|program|root)\)/.test(l)).sort((a, b) => b[1] - a[1]).slice(0, k);
  console.log('JS self time per seek (ms):');
  for (const [l, t] of top(self, selfRows)) console.log(`  ${(t / n).toFixed(2)} ${l}`);
  console.log('JS total time per seek (ms):');
  for (const [l, t] of top(total, totalRows)) console.log(`  ${(t / n).toFixed(2)} ${l}`);
}
