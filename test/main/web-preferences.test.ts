import { describe, expect, it } from 'vitest';
import { hardenedWebPreferences } from '../../src/main/windows/web-preferences';

describe('window webPreferences', () => {
  it('are exactly the hardened set (a new or changed flag must be reviewed here)', () => {
    expect(hardenedWebPreferences({ preload: '/app/out/src/main/preload/index.js', devTools: false })).toStrictEqual({
      preload: '/app/out/src/main/preload/index.js',
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
      devTools: false,
    });
  });

  it('allow developer tools only when asked (unpackaged runs)', () => {
    expect(hardenedWebPreferences({ preload: '/p', devTools: true }).devTools).toBe(true);
  });

  it('never enable blink features or a remote module', () => {
    const prefs = hardenedWebPreferences({ preload: '/p', devTools: false }) as Record<string, unknown>;
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('enableRemoteModule');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });
});
