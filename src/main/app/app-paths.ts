import path from 'node:path';

export interface AppLocation {
  /** app.getAppPath(): the checkout in development, resources/app.asar when packaged. */
  appPath: string;
  /** process.resourcesPath: where electron-builder's extraResources land. */
  resourcesPath: string;
  isPackaged: boolean;
}

export interface AppPaths {
  /** The renderer build served on app://mamori. */
  rendererRoot: string;
  preload: string;
  /** The tray icons (build/icons in a checkout; copied next to the asar by electron-builder). */
  icons: string;
}

/** Where Mamori's files are, packaged or not. Pure, so the layout is tested and written down once. */
export function appPaths({ appPath, resourcesPath, isPackaged }: AppLocation): AppPaths {
  return {
    rendererRoot: path.join(appPath, 'out', 'renderer'),
    preload: path.join(appPath, 'out', 'src', 'main', 'preload', 'index.js'),
    icons: isPackaged ? path.join(resourcesPath, 'icons') : path.join(appPath, 'build', 'icons'),
  };
}
