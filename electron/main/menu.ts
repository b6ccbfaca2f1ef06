/**
 * The application menu. Commands the renderer handles (import, export, help) are sent to it
 * on MENU_COMMAND_CHANNEL; window-level actions (zoom, full screen, quit) use Electron roles.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { HostCommand } from '../../shared/ipc';

export interface MenuOptions {
  appName: string;
  isDev: boolean;
  isMac: boolean;
  /** Delivers a command to the renderer of the focused Baton window. */
  send: (cmd: HostCommand) => void;
}

export function buildMenuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const command = (label: string, cmd: HostCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => o.send(cmd),
  });

  const template: MenuItemConstructorOptions[] = [];
  if (o.isMac) {
    template.push({
      label: o.appName,
      submenu: [
        command(`About ${o.appName}`, 'about'),
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(
    {
      label: 'File',
      submenu: [
        command('Import…', 'import', 'CmdOrCtrl+O'),
        command('Import Folder…', 'import-folder', 'CmdOrCtrl+Shift+O'),
        { type: 'separator' },
        command('Export…', 'export', 'CmdOrCtrl+E'),
        { type: 'separator' },
        { role: 'quit', label: 'Quit' },
      ],
    },
    // Without an Edit menu macOS has no copy/paste shortcuts in text fields and the editor.
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        ...(o.isDev
          ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] satisfies MenuItemConstructorOptions[])
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        // The zoomIn role's accelerator is Cmd/Ctrl+Plus; most keyboards type "=" there.
        { role: 'zoomIn', accelerator: 'CmdOrCtrl+=', visible: false },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Help',
      role: 'help',
      submenu: [command('Keyboard Shortcuts', 'shortcuts', 'CmdOrCtrl+/'), command(`About ${o.appName}`, 'about')],
    },
  );
  return template;
}
