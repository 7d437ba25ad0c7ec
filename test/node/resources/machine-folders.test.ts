import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { machinePolicyLocations } from '../../../src/node/policy/locations';
import { resourcesDir } from '../../../src/node/resources/paths';
import { MACHINE_INI, windowsMamoriDir } from '../../../src/node/resources/program-data';
import { repoRoot } from '../../support/policy';

/**
 * The agent runs as the staff member it governs: where it looks for the machine policy, the trusted
 * keys and the shipped default must not follow that user's environment variables once installed.
 */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-machine-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('Windows ProgramData (windowsMamoriDir)', () => {
  const userSet = { ProgramData: 'C:\\Users\\tanaka\\fake' };

  it("installed: the folder the installer wrote, whatever the user's ProgramData variable says", () => {
    const ini = path.join(dir, MACHINE_INI);
    writeFileSync(ini, '\uFEFF[Mamori]\r\nProgramData=D:\\ProgramData\\\r\n'); // BOM and CRLF, as Windows writes it
    expect(windowsMamoriDir(userSet, ini)).toBe('D:\\ProgramData\\Mamori');
  });

  it('an unusable machine.ini gives the Windows default, never the variable', () => {
    const ini = path.join(dir, MACHINE_INI);
    writeFileSync(ini, '[Mamori]\nProgramData=relative\\folder\n');
    expect(windowsMamoriDir(userSet, ini)).toBe('C:\\ProgramData\\Mamori');
    writeFileSync(ini, 'nothing useful');
    expect(windowsMamoriDir(userSet, ini)).toBe('C:\\ProgramData\\Mamori');
  });

  it('not installed (a checkout, tests): the variable, else the default', () => {
    const missing = path.join(dir, MACHINE_INI);
    expect(windowsMamoriDir(userSet, missing)).toBe('C:\\Users\\tanaka\\fake\\Mamori');
    expect(windowsMamoriDir({}, missing)).toBe('C:\\ProgramData\\Mamori');
  });

  it('is where the Windows policy locations are', () => {
    // This checkout has no machine.ini: the variable decides, as for an unpackaged run.
    expect(machinePolicyLocations('win32', { ProgramData: 'E:\\PD' }).policyFile).toBe('E:\\PD\\Mamori\\policy.json');
  });
});

describe('resourcesDir', () => {
  const saved = { resourcesPath: (process as { resourcesPath?: string }).resourcesPath, env: process.env.MAMORI_RESOURCES };
  afterEach(() => {
    (process as { resourcesPath?: string }).resourcesPath = saved.resourcesPath;
    if (saved.env === undefined) delete process.env.MAMORI_RESOURCES;
    else process.env.MAMORI_RESOURCES = saved.env;
  });

  it('the packaged app uses its own resources folder, not MAMORI_RESOURCES from the user', () => {
    (process as { resourcesPath?: string }).resourcesPath = repoRoot; // has policies/, like an installed resources folder
    process.env.MAMORI_RESOURCES = dir;
    expect(resourcesDir()).toBe(repoRoot);
  });

  it('without a packaged resources folder (Node, Electron from a checkout), MAMORI_RESOURCES counts', () => {
    (process as { resourcesPath?: string }).resourcesPath = dir; // no policies/ there: not an installed app
    process.env.MAMORI_RESOURCES = '/opt/elsewhere';
    expect(resourcesDir()).toBe('/opt/elsewhere');
  });
});
