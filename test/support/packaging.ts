import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from './policy';

/** Modules as electron-builder itself resolves them (its own ajv, js-yaml, ejs, plist): no copies, no extra dependencies. */
export const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));

export interface FileSet {
  from: string;
  to: string;
  filter?: string[];
}

export interface PlatformConfig {
  target: string[];
  extraResources?: FileSet[];
  executableName?: string;
  [key: string]: unknown;
}

/** electron-builder.yml as written (before electron-builder's loader normalises it). */
export interface RawBuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  extraResources: FileSet[];
  beforePack: string;
  msiProjectCreated: string;
  win: PlatformConfig;
  mac: PlatformConfig;
  linux: PlatformConfig;
  nsis: { include: string; perMachine: boolean; oneClick: boolean };
  msi: { perMachine: boolean };
  pkg: { scripts: string; installLocation: string; isRelocatable: boolean };
  deb: { afterInstall: string; afterRemove: string; depends: string[] };
  rpm: { afterInstall: string; afterRemove: string; depends: string[] };
  [key: string]: unknown;
}

export function rawBuilderConfig(): RawBuilderConfig {
  const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
  return yaml.load(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as RawBuilderConfig;
}

export type BuilderOs = 'linux' | 'mac' | 'win';

/** Where the beforePack hook stages the Node runtime (scripts/stage-node.js), as extraResources names it. */
export const NODE_RUNTIME_FROM = '.cache/node-runtime/${os}-${arch}';

/** Every file set an installer for `os` gets: the common ones, then the platform's. */
export function fileSetsFor(os: BuilderOs, config = rawBuilderConfig()): FileSet[] {
  return [...config.extraResources, ...(config[os].extraResources ?? [])];
}

/**
 * Where a file of the checkout lands below the resources folder of an installed app, by the file set
 * whose `from` is the file or a folder above it: shippedAs('mac', 'out/src', 'node/cli/main.js') is
 * 'cli/out/src/node/cli/main.js'. Slashes; a Windows caller turns them round.
 */
export function shippedAs(os: BuilderOs, from: string, below = ''): string {
  const set = fileSetsFor(os).find((s) => s.from === from);
  if (!set) throw new Error(`${from} is not in the ${os} extraResources`);
  return below ? path.posix.join(set.to, below) : set.to;
}

/**
 * Copies what the config's extraResources name for one target into `resourcesDir`, with electron-builder's
 * own file matchers, macro expansion and copier: the resources folder an installer for that target gets.
 * `platformOnly` copies only what the platform section adds.
 */
export async function copyExtraResources(resourcesDir: string, os: BuilderOs, arch: string, { platformOnly = false } = {}): Promise<void> {
  const { getFileMatchers, copyFiles } = builderRequire('./out/fileMatcher') as {
    getFileMatchers(config: object, name: string, destination: string, options: object): unknown[] | null;
    copyFiles(matchers: unknown[] | null, transformer: null, isUseHardLink: boolean): Promise<unknown>;
  };
  const { expandMacro } = builderRequire('./out/util/macroExpander') as {
    expandMacro(pattern: string, arch: string, appInfo: object, extra: Record<string, string>): string;
  };
  const config = rawBuilderConfig();
  const matchers = getFileMatchers(platformOnly ? {} : config, 'extraResources', resourcesDir, {
    macroExpander: (pattern: string) => expandMacro(pattern, arch, {}, { os }),
    customBuildOptions: config[os],
    globalOutDir: path.join(repoRoot, config.directories.output),
    defaultSrc: repoRoot,
  });
  await copyFiles(matchers, null, false);
}
