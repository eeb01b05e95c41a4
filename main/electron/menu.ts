/** The native menu with the usual shortcuts. */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { RecentItem } from '../process/desktop';

export interface MenuActions {
  newWorkspace(): void;
  openWorkspace(): void;
  saveCopy(): void;
  /** Workspaces used recently (newest first, labelled), for File > Open recent (desktop.ts). */
  recent: RecentItem[];
  openRecent(file: string): void;
  /** Passes a command to the page (undo, redo, go to a page), which owns those actions. */
  command(name: MenuCommand): void;
}

/** The commands the page listens for; the page also handles their shortcuts itself. */
export const MENU_COMMANDS = ['save', 'undo', 'redo', 'page:dashboard', 'page:indicators', 'page:charts', 'page:import', 'page:actions', 'page:audit', 'page:areas', 'page:scorecard', 'workspace:new'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function buildMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: '&New workspace...', accelerator: 'CmdOrCtrl+N', click: actions.newWorkspace },
        { label: '&Open workspace...', accelerator: 'CmdOrCtrl+O', click: actions.openWorkspace },
        {
          label: 'Open &recent',
          enabled: actions.recent.length > 0,
          submenu: actions.recent.map(({ label, file }) => ({ label, click: () => actions.openRecent(file) })),
        },
        // Handled in the page (as Ctrl+Z is): it saves now and says so there.
        { label: '&Save', accelerator: 'CmdOrCtrl+S', registerAccelerator: false, click: () => actions.command('save') },
        { label: 'Save a &copy...', accelerator: 'CmdOrCtrl+Shift+S', click: actions.saveCopy },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', label: 'E&xit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // The page handles these keys itself (text undo in a text box, the workspace's undo
        // elsewhere), so the accelerators are shown but not registered.
        { label: '&Undo', accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: () => actions.command('undo') },
        { label: '&Redo', accelerator: 'CmdOrCtrl+Y', registerAccelerator: false, click: () => actions.command('redo') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        { label: '&Dashboard', accelerator: 'CmdOrCtrl+1', registerAccelerator: false, click: () => actions.command('page:dashboard') },
        { label: '&Indicators', accelerator: 'CmdOrCtrl+2', registerAccelerator: false, click: () => actions.command('page:indicators') },
        { label: '&Charts', accelerator: 'CmdOrCtrl+3', registerAccelerator: false, click: () => actions.command('page:charts') },
        { label: 'I&mport', accelerator: 'CmdOrCtrl+4', registerAccelerator: false, click: () => actions.command('page:import') },
        { label: '&Action log', accelerator: 'CmdOrCtrl+5', registerAccelerator: false, click: () => actions.command('page:actions') },
        { label: 'A&udit trail', accelerator: 'CmdOrCtrl+6', registerAccelerator: false, click: () => actions.command('page:audit') },
        { label: 'A&reas', accelerator: 'CmdOrCtrl+7', registerAccelerator: false, click: () => actions.command('page:areas') },
        { label: '&Scorecard', accelerator: 'CmdOrCtrl+8', registerAccelerator: false, click: () => actions.command('page:scorecard') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'help', submenu: [{ label: 'About Boardpack', role: 'about' }] },
  ];
  return Menu.buildFromTemplate(template);
}
