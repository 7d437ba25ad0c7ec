import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID } from '../../src/main/app/identity';
import { appPaths } from '../../src/main/app/app-paths';
import { loginItemSettings } from '../../src/main/app/autostart';
import { repoRoot } from '../support/policy';

type BuilderConfig = Record<string, unknown> & {
  appId: string;
  electronFuses: Record<string, boolean>;
  /** Normalised by electron-builder to one pattern set. */
  files: { filter: string[] }[];
  extraResources: { from: string; to: string; filter: string[] }[];
};

/** electron-builder's own loader and schema validation (no packaging, no download). */
async function builderConfig(): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    getConfig(dir: string, file: string, extra: null): Promise<BuilderConfig>;
    validateConfiguration(config: unknown, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const config = await getConfig(repoRoot, path.join(repoRoot, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder.yml', () => {
  it('is valid for electron-builder, and its appId is the AppUserModelID the app sets', async () => {
    const config = await builderConfig();
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe('Mamori');
    expect(config).toMatchObject({ asar: true, npmRebuild: false, asarUnpack: ['**/*.node'], directories: { output: 'release' } });
  });

  it('sets every fuse as the security notes say', async () => {
    expect((await builderConfig()).electronFuses).toStrictEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the build without source maps, and ships the policies and tray icons beside the asar', async () => {
    const config = await builderConfig();
    expect(config.files.flatMap((f) => f.filter)).toEqual(expect.arrayContaining(['out/**', 'package.json', '!**/*.map']));
    expect(config.extraResources).toEqual([
      { from: 'policies', to: 'policies', filter: ['default-policy.json', 'policy.schema.json', 'guidance/**', 'trusted-keys/**'] },
      { from: 'build/icons', to: 'icons', filter: ['*.png'] },
    ]);
    expect(config).toMatchObject({ nsis: { perMachine: true }, msi: { perMachine: true } });
  });
});

describe('where the app finds its files', () => {
  it('unpackaged: everything in the checkout', () => {
    expect(appPaths({ appPath: '/repo', resourcesPath: '/electron/resources', isPackaged: false })).toEqual({
      rendererRoot: path.join('/repo', 'out', 'renderer'),
      preload: path.join('/repo', 'out', 'src', 'main', 'preload', 'index.js'),
      icons: path.join('/repo', 'build', 'icons'),
    });
  });

  it('packaged: code in the asar, icons beside it (extraResources)', () => {
    const paths = appPaths({ appPath: '/opt/Mamori/resources/app.asar', resourcesPath: '/opt/Mamori/resources', isPackaged: true });
    expect(paths.rendererRoot).toBe(path.join('/opt/Mamori/resources/app.asar', 'out', 'renderer'));
    expect(paths.icons).toBe(path.join('/opt/Mamori/resources', 'icons'));
  });

  it('matches package.json main and the compiled preload location', () => {
    const pkg = require(path.join(repoRoot, 'package.json')) as { main: string };
    expect(pkg.main).toBe('out/src/main/app/index.js');
    expect(path.relative(repoRoot, appPaths({ appPath: repoRoot, resourcesPath: '', isPackaged: false }).preload)).toBe(
      path.join('out', 'src', 'main', 'preload', 'index.js'),
    );
  });
});

describe('start at login', () => {
  it('asks for a per-user login item on Windows and macOS when packaged, nowhere else', () => {
    expect(loginItemSettings('win32', true)).toEqual({ openAtLogin: true });
    expect(loginItemSettings('darwin', true)).toEqual({ openAtLogin: true });
    expect(loginItemSettings('linux', true)).toBeNull();
    expect(loginItemSettings('win32', false)).toBeNull();
  });
});
