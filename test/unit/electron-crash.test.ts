import { describe, expect, it, vi } from 'vitest';
import { MAX_RELOADS, watchRendererCrashes } from '../../electron/main/crash';

function contents() {
  const listeners: ((e: unknown, d: { reason: string }) => void)[] = [];
  return {
    on: (_name: 'render-process-gone', fn: (e: unknown, d: { reason: string }) => void) => listeners.push(fn),
    gone: (reason: string) => listeners.forEach((fn) => fn({}, { reason })),
  };
}

describe('a crashed renderer', () => {
  it('is reloaded at the library, with a message saying what happened', () => {
    const wc = contents();
    const reload = vi.fn();
    const tell = vi.fn();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    watchRendererCrashes(wc, { reload, tell });
    wc.gone('oom');
    expect(reload).toHaveBeenCalledTimes(1);
    expect(tell).toHaveBeenCalledWith("Baton's window ran out of memory and was reloaded.", expect.stringContaining('library are safe'));
  });

  it('is left alone on a clean exit, and not reloaded forever', () => {
    const wc = contents();
    const reload = vi.fn();
    const tell = vi.fn();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    watchRendererCrashes(wc, { reload, tell });
    wc.gone('clean-exit');
    expect(reload).not.toHaveBeenCalled();
    for (let i = 0; i < MAX_RELOADS + 2; i++) wc.gone('crashed');
    expect(reload).toHaveBeenCalledTimes(MAX_RELOADS);
    expect(tell).toHaveBeenLastCalledWith("Baton's window crashed again and was not reloaded.", expect.stringContaining('restart'));
  });
});
