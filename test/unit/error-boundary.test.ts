import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ErrorBoundary } from '../../renderer/src/components/ErrorBoundary';

describe('a pane that fails to render', () => {
  it('shows what failed and offers to try again, in place of the pane', () => {
    const eb = new ErrorBoundary({ what: 'the Task & info tab', children: 'pane' });
    expect(eb.render()).toBe('pane');
    eb.state = { ...eb.state, ...ErrorBoundary.getDerivedStateFromError(new RangeError('Maximum call stack size exceeded\n    at marked')) };
    const html = renderToStaticMarkup(eb.render() as ReactElement);
    expect(html).toContain('The Task &amp; info tab could not be shown');
    expect(html).toContain('RangeError: Maximum call stack size exceeded');
    expect(html).not.toContain('at marked');
    expect(html).toContain('Try again');
  });

  it('clears the error when its reset key changes (another session, another tab)', () => {
    const state = { error: new Error('x'), key: 'code' };
    expect(ErrorBoundary.getDerivedStateFromProps({ what: 'x', resetKey: 'info', children: null }, state)).toEqual({ error: undefined, key: 'info' });
    expect(ErrorBoundary.getDerivedStateFromProps({ what: 'x', resetKey: 'code', children: null }, state)).toBeNull();
  });
});
