/** electron.vite.config.ts: entries, a CommonJS self-contained preload, and the CSP meta tag. */
import { describe, expect, it } from 'vitest';
import type { Plugin } from 'vite';
import config from '../../electron.vite.config';
import { CONTENT_SECURITY_POLICY_META } from '../../shared/csp';

type Cfg = {
  main: { build: { externalizeDeps: boolean; rolldownOptions: { input: Record<string, string> } } };
  preload: { build: { externalizeDeps: boolean; rolldownOptions: { input: Record<string, string>; output: { format: string; entryFileNames: string } } } };
  renderer: { root: string; plugins: (Plugin | Plugin[])[]; build: { rolldownOptions: { input: string } } };
};
const cfg = config as unknown as Cfg;

describe('electron-vite config', () => {
  it('builds main and preload from electron/, bundling their dependencies', () => {
    expect(cfg.main.build.rolldownOptions.input['index']).toMatch(/electron[/\\]main[/\\]index\.ts$/);
    expect(cfg.preload.build.rolldownOptions.input['index']).toMatch(/electron[/\\]preload[/\\]index\.ts$/);
    expect(cfg.main.build.externalizeDeps).toBe(false);
    expect(cfg.preload.build.externalizeDeps).toBe(false);
  });

  it('emits the preload as CommonJS index.cjs, the path main loads', () => {
    expect(cfg.preload.build.rolldownOptions.output).toMatchObject({ format: 'cjs', entryFileNames: '[name].cjs' });
  });

  it('builds the renderer from renderer/index.html with the CSP as a meta tag', () => {
    expect(cfg.renderer.root).toMatch(/renderer$/);
    expect(cfg.renderer.build.rolldownOptions.input).toMatch(/renderer[/\\]index\.html$/);
    const csp = cfg.renderer.plugins.flat().find((p) => p.name === 'baton:csp-meta')!;
    const transform = csp.transformIndexHtml as (html: string) => unknown;
    expect(transform('<html><head></head></html>')).toEqual([
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META }, injectTo: 'head-prepend' },
    ]);
    const own = '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">';
    expect(transform(own)).toBe(own);
  });
});
