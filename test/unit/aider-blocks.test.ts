import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EchoIndex, type EchoBlock } from '../../shared/importers/aider-blocks';
import { samePath } from '../../shared/importers/aider';

/** The importer's original rule, a scan per echo: the oracle. */
function scan(pending: EchoBlock[], failed: Set<EchoBlock>, echo: EchoBlock): EchoBlock | undefined {
  const open = pending.filter((b) => !failed.has(b));
  const sameFile = open.filter((b) => !echo.path || samePath(b.path, echo.path));
  const exact = sameFile.find((b) => b.search.join('\n').trim() === echo.search.join('\n').trim());
  return exact ?? sameFile[0] ?? open[0];
}

const path = fc.constantFrom('', 'a.ts', 'src/a.ts', './src/a.ts', 'lib/a.ts', 'x/src/a.ts', 'b.ts', 'src\\b.ts', 'deep/er/src/a.ts');
const search = fc.array(fc.constantFrom('x', 'y', ' x', 'z'), { maxLength: 2 });

describe('EchoIndex: which pending block an aider error report echoes', () => {
  it('chooses exactly what a scan of every pending block chooses', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ path, search }), { maxLength: 12 }), fc.array(fc.record({ path, search }), { maxLength: 14 }), (pending, echoes) => {
        const failedA = new Set<EchoBlock>();
        const index = new EchoIndex(pending, new Set());
        for (const echo of echoes) {
          const want = scan(pending, failedA, echo);
          if (want) failedA.add(want);
          expect(index.take(echo)).toBe(want);
        }
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
