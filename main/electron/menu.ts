/** The native menu with the usual shortcuts. */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  newWorkspace(): void;
  openWorkspace(): void;
  saveCopy(): void;
}

export function buildMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: '&New workspace...', accelerator: 'CmdOrCtrl+N', click: actions.newWorkspace },
        { label: '&Open workspace...', accelerator: 'CmdOrCtrl+O', click: actions.openWorkspace },
        { label: 'Save a &copy...', accelerator: 'CmdOrCtrl+Shift+S', click: actions.saveCopy },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', label: 'E&xit' },
      ],
    },
    { label: '&Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: '&View', submenu: [{ role: 'reload' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { role: 'help', submenu: [{ label: 'About Boardpack', role: 'about' }] },
  ];
  return Menu.buildFromTemplate(template);
}
