import { EventEmitter } from 'node:events';

/**
 * A small stand-in for the parts of 'electron' src/main uses, for plain-Node tests (the real module
 * cannot load without its binary). A test file installs it with
 *   vi.mock('electron', () => import('./fake-electron.js'));
 * and inspects what the code under test did through the same exports. It records; it does not
 * imitate Electron's behaviour beyond what the tests need.
 */

type Invoke = (event: unknown, ...args: unknown[]) => unknown;

export const ipcMain = {
  handlers: new Map<string, Invoke>(),
  handle(channel: string, listener: Invoke): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`); // as Electron does
    this.handlers.set(channel, listener);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

class FakeIpcRenderer extends EventEmitter {
  readonly invocations: { channel: string; args: unknown[] }[] = [];
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args });
    return Promise.resolve({ channel });
  }
}
export const ipcRenderer = new FakeIpcRenderer();

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`${key} exposed twice`);
    this.exposed.set(key, api);
  },
};

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  private destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  shown = 0;
  focused = 0;
  menuRemoved = false;
  private destroyed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  show(): void {
    this.shown++;
  }
  focus(): void {
    this.focused++;
  }
  removeMenu(): void {
    this.menuRemoved = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** What closing a window does: closed, then its webContents destroyed. */
  close(): void {
    this.destroyed = true;
    this.emit('closed');
    this.webContents.destroy();
  }
}

export class Notification extends EventEmitter {
  static supported = true;
  static readonly shown: Notification[] = [];
  static isSupported(): boolean {
    return Notification.supported;
  }
  constructor(readonly options: { title: string; body: string; urgency?: string }) {
    super();
  }
  show(): void {
    Notification.shown.push(this);
  }
}

export const Menu = {
  buildFromTemplate(template: { id?: string; label?: string; enabled?: boolean; type?: string }[]) {
    return { items: template.map((i) => ({ id: i.id ?? '', label: i.label ?? '', enabled: i.enabled ?? true, type: i.type ?? 'normal' })) };
  },
};

export class Tray extends EventEmitter {
  static readonly created: Tray[] = [];
  image: string;
  tooltip = '';
  contextMenu: unknown = null;
  constructor(image: string) {
    super();
    this.image = image;
    Tray.created.push(this);
  }
  setImage(image: string): void {
    this.image = image;
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  setContextMenu(menu: unknown): void {
    this.contextMenu = menu;
  }
  destroy(): void {}
}

/** The app module: records calls in order, so tests can check what happened before 'ready'. */
class FakeApp extends EventEmitter {
  readonly calls: string[] = [];
  isPackaged = false;
  gotLock = true;
  readonly loginItems: unknown[] = [];
  private ready!: () => void;
  private readonly readyPromise = new Promise<void>((resolve) => (this.ready = resolve));
  enableSandbox(): void {
    this.calls.push('enableSandbox');
  }
  setAppUserModelId(id: string): void {
    this.calls.push(`setAppUserModelId ${id}`);
  }
  requestSingleInstanceLock(): boolean {
    this.calls.push('requestSingleInstanceLock');
    return this.gotLock;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  /** What Electron does once it has initialised. */
  becomeReady(): void {
    this.calls.push('ready');
    this.ready();
  }
  getAppPath(): string {
    return process.cwd();
  }
  setLoginItemSettings(settings: unknown): void {
    this.loginItems.push(settings);
  }
  quit(): void {
    this.calls.push('quit');
  }
  exit(code: number): void {
    this.calls.push(`exit ${code}`);
  }
}
export const app = new FakeApp();

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    app.calls.push('registerSchemesAsPrivileged');
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    this.handlers.set(scheme, handler);
  },
};

class FakeSession extends EventEmitter {
  readonly handlers: Record<string, unknown> = {};
  readonly webRequest = { onBeforeRequest: (filter: unknown, listener: unknown) => void (this.handlers.beforeRequest = [filter, listener]) };
  setPermissionRequestHandler(handler: unknown): void {
    this.handlers.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: unknown): void {
    this.handlers.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: unknown): void {
    this.handlers.devicePermission = handler;
  }
}
export const session = { defaultSession: new FakeSession() };

export const powerMonitor = new EventEmitter();

export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  },
};

/** Forgets everything recorded, between tests. */
export function resetFakeElectron(): void {
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invocations.length = 0;
  BrowserWindow.created.length = 0;
  Notification.shown.length = 0;
  Notification.supported = true;
  Tray.created.length = 0;
}
