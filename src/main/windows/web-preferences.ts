import type { WebPreferences } from 'electron';

export interface WebPreferencesInput {
  /** Absolute path of the compiled preload (out/src/main/preload/index.js). */
  preload: string;
  /** Developer tools only in unpackaged (development) runs: never for staff. */
  devTools: boolean;
}

/**
 * The webPreferences of every Mamori window (Electron security checklist items 2–4, 6, 8–12).
 * Each flag is spelt out even where it is Electron's default, so that a default changing in a later
 * Electron cannot loosen a window, and test/main/web-preferences.test.ts pins the whole object.
 */
export function hardenedWebPreferences({ preload, devTools }: WebPreferencesInput): WebPreferences {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    devTools,
  };
}
