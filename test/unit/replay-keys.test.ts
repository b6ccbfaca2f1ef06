import { describe, expect, it } from 'vitest';
import { ReplayClock } from '../../renderer/src/features/replay/clock';
import { replayKeyHandler } from '../../renderer/src/features/replay/keys';

/** A keydown as the handler reads it: key, modifiers, target, preventDefault. */
function key(k: string, opts: { shift?: boolean; ctrl?: boolean; target?: Partial<HTMLElement> } = {}) {
  let prevented = false;
  const e = { key: k, shiftKey: !!opts.shift, ctrlKey: !!opts.ctrl, metaKey: false, altKey: false, target: opts.target ?? { tagName: 'BODY', isContentEditable: false, closest: () => null }, preventDefault: () => (prevented = true) };
  return { e: e as unknown as KeyboardEvent, prevented: () => prevented };
}

describe('the shared replay keys', () => {
  it('seek, play, speed and step the clock; a view adds its own keys; fields and modified keys are left alone', () => {
    const clock = new ReplayClock(60_000, undefined, () => 1, () => {});
    const steps: string[] = [];
    const extra: string[] = [];
    const on = replayKeyHandler({ clock, step: (dir, c) => steps.push(`${dir}${c ? 'c' : ''}`), extra: (e) => (e.key === '/' ? (extra.push('/'), true) : false) });
    on(key('l').e);
    expect(clock.get().t).toBe(10_000);
    on(key('J').e);
    expect(clock.get().t).toBe(0);
    on(key('End').e);
    expect(clock.get().t).toBe(60_000);
    on(key('Home').e);
    const speed = clock.get().speed;
    on(key(']').e);
    expect(clock.get().speed).toBeGreaterThan(speed);
    on(key('ArrowRight', { shift: true }).e);
    on(key('ArrowLeft').e);
    expect(steps).toEqual(['1c', '-1']);
    const k = key(' ');
    on(k.e);
    expect(clock.get().playing).toBe(true);
    expect(k.prevented()).toBe(true);
    clock.toggle();
    const slash = key('/');
    on(slash.e);
    expect(extra).toEqual(['/']);
    expect(slash.prevented()).toBe(true);
    const other = key('x');
    on(other.e);
    expect(other.prevented()).toBe(false);
    // Typing in a field or holding Ctrl: the replay does nothing.
    on(key('l', { target: { tagName: 'INPUT', isContentEditable: false, closest: () => null } }).e);
    on(key('l', { ctrl: true }).e);
    expect(clock.get().t).toBe(0);
    clock.dispose();
  });
});
