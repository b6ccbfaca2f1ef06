/** The application menu template: File / Edit / View / Help, commands sent to the renderer. */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from '../../electron/main/menu';
import type { HostCommand } from '../../shared/ipc';

function build(over: { isDev?: boolean; isMac?: boolean } = {}) {
  const send = vi.fn<(cmd: HostCommand) => void>();
  const template = buildMenuTemplate({ appName: 'Baton', isDev: false, isMac: false, send, ...over });
  const menu = (label: string) => {
    const m = template.find((t) => t.label === label);
    expect(m, label).toBeDefined();
    return m!.submenu as MenuItemConstructorOptions[];
  };
  const item = (menuLabel: string, label: string) => {
    const i = menu(menuLabel).find((x) => x.label === label);
    expect(i, `${menuLabel} > ${label}`).toBeDefined();
    return i!;
  };
  const click = (i: MenuItemConstructorOptions) => (i.click as unknown as () => void)();
  return { send, template, menu, item, click };
}

describe('application menu', () => {
  it('has File, Edit, View and Help', () => {
    expect(build().template.map((t) => t.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(build({ isMac: true }).template.map((t) => t.label)).toEqual(['Baton', 'File', 'Edit', 'View', 'Help']);
  });

  it('File: Import…, Import Folder…, Export…, Quit', () => {
    const { menu } = build();
    const items = menu('File').filter((i) => i.type !== 'separator');
    expect(items.map((i) => i.label)).toEqual(['Import…', 'Import Folder…', 'Export…', 'Quit']);
    expect(items[3]!.role).toBe('quit');
  });

  it('clicking Import sends "import" to the renderer, and each command its own', () => {
    const { send, item, click } = build();
    click(item('File', 'Import…'));
    expect(send.mock.calls).toEqual([['import']]);
    click(item('File', 'Import Folder…'));
    click(item('File', 'Export…'));
    click(item('Help', 'Keyboard Shortcuts'));
    click(item('Help', 'About Baton'));
    expect(send.mock.calls.map((c) => c[0])).toEqual(['import', 'import-folder', 'export', 'shortcuts', 'about']);
  });

  it('gives the file commands keyboard shortcuts', () => {
    const { item } = build();
    expect(item('File', 'Import…').accelerator).toBe('CmdOrCtrl+O');
    expect(item('File', 'Export…').accelerator).toBe('CmdOrCtrl+E');
  });

  it('View: zoom in/out/reset and full screen; reload and devtools only in dev', () => {
    const roles = (isDev: boolean) => build({ isDev }).menu('View').map((i) => i.role).filter(Boolean);
    for (const role of ['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']) {
      expect(roles(false)).toContain(role);
      expect(roles(true)).toContain(role);
    }
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('reload');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('Edit keeps copy and paste working (macOS needs the menu roles)', () => {
    const roles = build().menu('Edit').map((i) => i.role);
    expect(roles).toEqual(expect.arrayContaining(['copy', 'paste', 'cut', 'selectAll', 'undo', 'redo']));
  });

  it('on macOS the app menu has About (sent to the renderer) and Quit', () => {
    const { send, menu, click } = build({ isMac: true });
    const app = menu('Baton');
    click(app.find((i) => i.label === 'About Baton')!);
    expect(send).toHaveBeenCalledWith('about');
    expect(app.some((i) => i.role === 'quit')).toBe(true);
  });
});
