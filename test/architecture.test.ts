import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/policy';
import { filesUnder } from './support/files';

const eslint = new ESLint({ cwd: repoRoot });
const lint = async (file: string, code: string) =>
  (await eslint.lintText(code, { filePath: path.join(repoRoot, file) }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;

describe('layering (eslint.config.mjs)', () => {
  it.each([
    ['src/core/x.ts', "import { app } from 'electron';"],
    ['src/node/x.ts', "import { app } from 'electron';"],
    ['src/renderer/x.ts', "import { ipcRenderer } from 'electron';"],
    ['src/shared/x.ts', "import fs from 'node:fs';"],
    ['src/core/x.ts', "import si from 'systeminformation';"],
    ['src/core/x.ts', "import { Agent } from '../node/agent/agent';"],
    ['src/shared/x.ts', "import { evaluate } from '../core/evaluate';"],
    ['src/renderer/x.ts', "import { evaluate } from '../core/evaluate';"],
    ['src/main/tray/x.ts', "import { ipcMain } from 'electron';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await lint(file, code)).toBe(1);
  });

  it.each([
    ['src/main/x.ts', "import { app } from 'electron';"],
    ['src/node/x.ts', "import { evaluate } from '../core/evaluate';"],
    ['src/core/rules/x.ts', "import { usbRule } from './usb';"],
  ])('%s may: %s', async (file, code) => {
    expect(await lint(file, code)).toBe(0);
  });

  it('in the tree, only src/main mentions electron in an import', () => {
    const offenders = filesUnder(path.join(repoRoot, 'src')).filter(
      (file) => /from 'electron'|require\('electron'\)/.test(readFileSync(file, 'utf8')) && !file.includes(`${path.sep}src${path.sep}main${path.sep}`),
    );
    expect(offenders).toEqual([]);
  });
});
