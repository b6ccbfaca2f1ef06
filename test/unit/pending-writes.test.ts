import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tracked } from '../../renderer/src/state/pending-writes';

/** The page's root element, as far as the tracker uses it. */
const attrs = new Map<string, string>();
const root = { setAttribute: (k: string, v: string) => void attrs.set(k, v), removeAttribute: (k: string) => void attrs.delete(k) };

describe('writes in flight', () => {
  beforeAll(() => void Object.assign(globalThis, { document: { documentElement: root } }));
  afterAll(() => void Reflect.deleteProperty(globalThis, 'document'));

  it('mark the page busy until the last one settles, failed ones included', async () => {
    let finish!: () => void;
    let fail!: (e: Error) => void;
    const a = tracked(new Promise<void>((r) => (finish = r)));
    const b = tracked(new Promise<void>((_, r) => (fail = r)));
    expect(attrs.get('aria-busy')).toBe('true');
    finish();
    await a;
    expect(attrs.get('aria-busy')).toBe('true');
    fail(new Error('disk full'));
    await expect(b).rejects.toThrow('disk full');
    expect(attrs.has('aria-busy')).toBe(false);
  });
});
