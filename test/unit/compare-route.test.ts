import { describe, expect, it } from 'vitest';
import { parseHash, routeHash, type Route } from '../../renderer/src/app/router';

describe('the side-by-side URL', () => {
  it('keeps the sessions in order, the alignment and the time, and reads back what it writes', () => {
    const r: Route = { name: 'compare', panes: [{ id: 'a,b' }, { id: 'c:d', lane: 'rev 1' }, { id: 'e' }], align: 'prompt', t: 61_234 };
    const hash = routeHash(r);
    expect(hash).toBe('#/compare?s=a%2Cb,c%3Ad:rev%201,e&align=prompt&t=61234');
    expect(parseHash(hash)).toEqual(r);
  });
  it('defaults to elapsed time, drops a bad time, and keeps at most four panes', () => {
    expect(parseHash('#/compare?s=1,2,3,4,5&t=abc')).toEqual({ name: 'compare', panes: [{ id: '1' }, { id: '2' }, { id: '3' }, { id: '4' }], align: 'elapsed' });
    expect(parseHash('#/compare?s=1,2&align=sideways&t=-5')).toEqual({ name: 'compare', panes: [{ id: '1' }, { id: '2' }], align: 'elapsed' });
  });
  it('leaves out a pane whose id is not a valid escape, and still parses the rest', () => {
    expect(parseHash('#/compare?s=%E0%A4%A,ok').name).toBe('compare');
    expect((parseHash('#/compare?s=%E0%A4%A,ok') as { panes: unknown[] }).panes).toEqual([{ id: 'ok' }]);
  });
  it('leaves the other routes alone', () => {
    expect(parseHash('#/session/x?t=5')).toEqual({ name: 'session', id: 'x', t: 5 });
    expect(parseHash('#/')).toEqual({ name: 'library' });
  });
});
