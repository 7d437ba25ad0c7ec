import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID } from '../../src/main/app/identity';
import { appPaths } from '../../src/main/app/app-paths';
import { repoRoot } from '../support/policy';
import { builderRequire, copyExtraResources, fileSetsFor, NODE_RUNTIME_FROM, rawBuilderConfig, type BuilderOs } from '../support/packaging';

interface NodePin {
  package: string;
  version: string;
  integrity: string;
}
const { NODE_RUNTIMES, stageNode } = require('../../scripts/stage-node.js') as {
  NODE_RUNTIMES: Record<string, NodePin | undefined>;
  stageNode(target: string): string;
};
const LINUX_X64_PIN = NODE_RUNTIMES['linux-x64'] as NodePin;

type BuilderConfig = Record<string, unknown> & {
  appId: string;
  electronFuses: Record<string, boolean>;
  /** Normalised by electron-builder to one pattern set. */
  files: { filter: string[] }[];
  extraResources: { from: string; to: string; filter?: string[] }[];
};

/** electron-builder's own loader and schema validation (no packaging, no download). */
async function builderConfig(): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = builderRequire('./out/util/config/config') as {
    getConfig(dir: string, file: string, extra: null): Promise<BuilderConfig>;
    validateConfiguration(config: unknown, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const config = await getConfig(repoRoot, path.join(repoRoot, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

const OSES: BuilderOs[] = ['linux', 'mac', 'win'];
const LINUX_INSTALL_DIR = `${(builderRequire('./out/targets/LinuxTargetHelper') as { installPrefix: string }).installPrefix}/Mamori`;

const isExecutable = (file: string) => (statSync(file).mode & 0o111) !== 0;

// The one build-time product the config names (the beforePack hook's); other targets are checked through their pins.
beforeAll(() => {
  stageNode('linux-x64');
}, 180_000);

describe('electron-builder.yml', () => {
  it('is valid for electron-builder, and its appId is the AppUserModelID the app sets', async () => {
    const config = await builderConfig();
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe('Mamori');
    expect(config).toMatchObject({ asar: true, npmRebuild: false, asarUnpack: ['**/*.node'], directories: { output: 'release' } });
  });

  it("passes electron-builder's JSON schema as written, checked with the ajv electron-builder uses", () => {
    const ajvModule = builderRequire('ajv') as { default: new (options: object) => { validate(schema: object, data: unknown): boolean; errors: unknown } };
    const ajv = new ajvModule.default({ allErrors: true, strict: false });
    const schema = JSON.parse(readFileSync(builderRequire.resolve('./scheme.json'), 'utf8')) as object;
    const valid = ajv.validate(schema, rawBuilderConfig());
    expect(ajv.errors).toBeNull();
    expect(valid).toBe(true);
  });

  it('builds the installers issue 7 lists, NSIS and MSI per machine', () => {
    const config = rawBuilderConfig();
    expect(config.win.target).toEqual(['nsis', 'msi']);
    expect(config.mac.target).toEqual(['pkg', 'dmg']);
    expect(config.linux.target).toEqual(['deb', 'rpm', 'AppImage']);
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false });
    expect(config.msi).toMatchObject({ perMachine: true });
    expect(config.pkg).toMatchObject({ isRelocatable: false, installLocation: '/Applications' });
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
    expect(config.extraResources).toEqual(
      expect.arrayContaining([
        { from: 'policies', to: 'policies', filter: ['default-policy.json', 'policy.schema.json', 'guidance/**', 'trusted-keys/**'] },
        { from: 'build/icons', to: 'icons', filter: ['*.png'] },
      ]),
    );
  });

  it("ships the CLI with exactly the production dependency closure of package-lock.json", () => {
    const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
    const production = Object.entries(lock.packages)
      .filter(([key, entry]) => key.startsWith('node_modules/') && !entry.dev && !entry.devOptional)
      .map(([key]) => key.slice('node_modules/'.length))
      .filter((name) => !name.includes('/node_modules/')); // nested ones travel with their parent's folder
    const shipped = rawBuilderConfig().extraResources.find((set) => set.from === 'node_modules');
    expect(shipped?.to).toBe('cli/node_modules');
    expect(shipped?.filter?.map((pattern) => pattern.replace(/\/\*\*$/, '')).sort()).toEqual(production.sort());
  });
});

describe('every path electron-builder.yml names', () => {
  it('exists: build resources, files, hooks, NSIS include, deb/rpm scripts, pkg scripts', () => {
    const config = rawBuilderConfig();
    const named = [
      config.directories.buildResources,
      config.nsis.include,
      config.deb.afterInstall,
      config.deb.afterRemove,
      config.rpm.afterInstall,
      config.rpm.afterRemove,
      config.beforePack,
      config.msiProjectCreated,
      path.join(config.directories.buildResources, config.pkg.scripts, 'postinstall'),
      ...config.files.filter((pattern) => !pattern.startsWith('!')).map((pattern) => pattern.replace(/\/\*\*$/, '')),
    ];
    for (const file of named) expect(existsSync(path.join(repoRoot, file)), file).toBe(true);
    // `out/**` is `npm run build`'s (run before the tests): it must hold package.json's main.
    expect(existsSync(path.join(repoRoot, (require(path.join(repoRoot, 'package.json')) as { main: string }).main))).toBe(true);
    expect((require(path.join(repoRoot, config.beforePack)) as Record<string, unknown>).beforePack).toBeTypeOf('function');
    expect((require(path.join(repoRoot, config.msiProjectCreated)) as Record<string, unknown>).msiProjectCreated).toBeTypeOf('function');
  });

  it.each(OSES)('exists for every %s extra resource, with each file its filter names', (os) => {
    for (const set of fileSetsFor(os)) {
      if (set.from === NODE_RUNTIME_FROM) {
        // Staged by the beforePack hook for the target being built (linux-x64 above): every arch must be pinned.
        for (const arch of ['x64', 'arm64']) expect(NODE_RUNTIMES[`${os}-${arch}`], `${os}-${arch}`).toBeDefined();
        continue;
      }
      const from = path.join(repoRoot, set.from);
      expect(existsSync(from), set.from).toBe(true);
      // Globs may match nothing (trusted-keys/** is the agency's to fill); a file named outright must exist.
      for (const literal of (set.filter ?? []).filter((pattern) => !/[*!?{[]/.test(pattern))) {
        expect(existsSync(path.join(from, literal)), `${set.from}/${literal}`).toBe(true);
      }
    }
  });

  it('includes the Node runtime the build stages for linux-x64: the pinned version', () => {
    const node = path.join(repoRoot, NODE_RUNTIME_FROM.replace('${os}-${arch}', 'linux-x64'), 'node');
    expect(isExecutable(node)).toBe(true);
    expect(execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()).toBe(`v${LINUX_X64_PIN.version}`);
  });

  it('comes from a Node tarball only if it has the pinned hash', () => {
    NODE_RUNTIMES['linux-x64'] = { ...LINUX_X64_PIN, integrity: 'sha512-AAAA' };
    try {
      expect(() => stageNode('linux-x64')).toThrow(/refusing it/);
    } finally {
      NODE_RUNTIMES['linux-x64'] = LINUX_X64_PIN;
    }
    expect(() => stageNode('mac-universal')).toThrow(/no Node runtime pinned/);
  }, 60_000);
});

describe('the Linux installation, as electron-builder lays out the resources', () => {
  let root: string;
  let resources: string;
  // This NODE_OPTIONS would stop any Node from starting: the launcher must drop it.
  const launch = (file: string, args: string[], input?: string) =>
    execFileSync(file, args, { encoding: 'utf8', input, env: { PATH: '/usr/bin:/bin', NODE_OPTIONS: '--require /nonexistent' } });

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'mamori-layout-'));
    resources = path.join(root, LINUX_INSTALL_DIR, 'resources');
    await copyExtraResources(resources, 'linux', 'x64');
    for (const link of ['usr/bin/mamori', 'usr/sbin/mamori-helper']) {
      mkdirSync(path.dirname(path.join(root, link)), { recursive: true });
      symlinkSync(path.join(resources, 'bin', 'mamori'), path.join(root, link)); // as after-install.sh links them
    }
  }, 180_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('holds the CLI, the helper and the Node they run on, without the app-only code or source maps', () => {
    for (const file of ['cli/runtime/node', 'bin/mamori']) expect(isExecutable(path.join(resources, file)), file).toBe(true);
    for (const file of ['cli/bin/mamori.js', 'cli/package.json', 'cli/out/src/node/cli/main.js', 'cli/out/src/node/isolation/helper-main.js', 'policies/default-policy.json']) {
      expect(existsSync(path.join(resources, file)), file).toBe(true);
    }
    expect(readdirSync(path.join(resources, 'cli/out/src')).sort()).toEqual(['core', 'node', 'shared']);
    expect(readdirSync(path.join(resources, 'cli/out/src'), { recursive: true }).filter((f) => String(f).endsWith('.map'))).toEqual([]);
  });

  it('runs `mamori` through /usr/bin/mamori on the shipped Node, with the shipped guidance and policy', () => {
    expect(launch(path.join(root, 'usr/bin/mamori'), ['guidance', '4章-3', '--lang', 'en'])).toContain('4章-3');
    expect(launch(path.join(root, 'usr/bin/mamori'), ['policy', 'validate', path.join(resources, 'policies/default-policy.json'), '--lang', 'en'])).toMatch(/valid/i);
  });

  it('runs the isolation helper through /usr/sbin/mamori-helper', () => {
    expect(launch(path.join(root, 'usr/sbin/mamori-helper'), ['hash-release-code'], 'a-release-code')).toMatch(/^scrypt\$ln=\d+,r=\d+,p=\d+\$/);
  });

  it("loads usb's prebuilt native module from the CLI's node_modules in the shipped Node", () => {
    execFileSync(path.join(resources, 'cli/runtime/node'), ['-e', 'require(process.argv[1])', path.join(resources, 'cli/node_modules/usb')], { env: {} });
  });

  it('has the files the systemd unit starts, where the deb/rpm put the app', () => {
    const unit = readFileSync(path.join(resources, 'linux/mamori-helper.service'), 'utf8');
    const commands = [...unit.matchAll(/^ExecStart(?:Pre)?=(\S+) (\S+)/gm)];
    expect(commands).toHaveLength(2);
    for (const command of commands) {
      for (const file of command.slice(1)) {
        expect(file.startsWith(`${LINUX_INSTALL_DIR}/resources/cli/`), file).toBe(true);
        expect(existsSync(path.join(root, file)), file).toBe(true);
      }
    }
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
