import { DOMParser } from '@xmldom/xmldom';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAC_STATE_DIR } from '../../../src/node/isolation/platform-mac';
import { windowsStateDir } from '../../../src/node/isolation/platform-windows';
import { NODE_RUNTIME_FROM, rawBuilderConfig, shippedAs } from '../../support/packaging';
import { repoRoot } from '../../support/policy';

/**
 * The service definitions the installers register (build/mac, build/win), parsed with
 * `@xmldom/xmldom` (it comes with electron-builder, which reads and writes macOS plists with it);
 * any well-formedness error fails the test. The files they start are where electron-builder.yml's
 * extraResources put them.
 */
const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const config = rawBuilderConfig();
/** The helper's entry point below out/src, which extraResources ships as a whole. */
const HELPER_MAIN = 'node/isolation/helper-main.js';

function parseXml(text: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ errorHandler: (level: string, message: string) => void (level !== 'warning' && errors.push(message)) }).parseFromString(text, 'text/xml');
  return { doc, errors };
}

/** The part of a DOM element the plist walk reads. */
interface Element {
  tagName: string;
  textContent: string | null;
  nodeType: number;
  childNodes: ArrayLike<unknown>;
}
const children = (e: Element) => Array.from(e.childNodes as ArrayLike<Element>).filter((n) => n.nodeType === 1);

/** A plist value as JSON: dict, array, string, integer, true/false (all this file uses). */
function plistValue(e: Element): unknown {
  switch (e.tagName) {
    case 'dict': {
      const kids = children(e);
      const out: Record<string, unknown> = {};
      for (let i = 0; i < kids.length; i += 2) {
        if (kids[i]!.tagName !== 'key') throw new Error(`dict entry without a key: ${kids[i]!.tagName}`);
        out[kids[i]!.textContent ?? ''] = plistValue(kids[i + 1]!);
      }
      return out;
    }
    case 'array':
      return children(e).map(plistValue);
    case 'string':
      return e.textContent ?? '';
    case 'integer':
      return Number(e.textContent);
    case 'true':
      return true;
    case 'false':
      return false;
    default:
      throw new Error(`unexpected plist element ${e.tagName}`);
  }
}

it('both definitions start a helper entry point the build produces (out/src, shipped whole)', () => {
  expect(existsSync(path.join(repoRoot, 'out/src', HELPER_MAIN))).toBe(true);
});

describe('macOS LaunchDaemon (build/mac/jp.go.mamori.helper.plist)', () => {
  const { doc, errors } = parseXml(read('build/mac/jp.go.mamori.helper.plist'));
  const daemon = plistValue(children(doc.documentElement as unknown as Element)[0]!) as Record<string, unknown>;
  const resources = `${config.pkg.installLocation}/${config.productName}.app/Contents/Resources`;

  it('is a well-formed plist that runs the helper as root at load and keeps it alive', () => {
    expect(errors).toEqual([]);
    expect(doc.documentElement?.tagName).toBe('plist');
    expect(daemon).toMatchObject({ Label: 'jp.go.mamori.helper', UserName: 'root', RunAtLoad: true, KeepAlive: true, Umask: 0o077 });
    expect(daemon.EnvironmentVariables).toMatchObject({ MAMORI_RESOURCES: resources, LC_ALL: 'C' });
  });

  it("starts the Node and the helper the pkg installs in the app, logging in the helper's state folder", () => {
    expect(daemon.ProgramArguments).toEqual([
      `${resources}/${shippedAs('mac', NODE_RUNTIME_FROM, 'node')}`,
      `${resources}/${shippedAs('mac', 'out/src', HELPER_MAIN)}`,
      'run',
      '--log-file',
      `${MAC_STATE_DIR}/helper.log`,
    ]);
  });
});

describe('Windows scheduled task (build/win/mamori-helper-task.xml, a template)', () => {
  const template = read('build/win/mamori-helper-task.xml');
  // What build/win/mamori-helper-task.ps1 puts in place of the tokens, for a default install.
  const folders: Record<string, string> = { InstallDir: 'C:\\Program Files\\Mamori', DataDir: 'C:\\ProgramData\\Mamori' };
  const { doc, errors } = parseXml(template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => folders[name]!));
  const text = (tag: string) => Array.from(doc.getElementsByTagName(tag)).map((e) => e.textContent?.trim());

  it('is well-formed Task Scheduler XML, with the install and data folders as its only tokens', () => {
    expect([...new Set([...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]))].sort()).toEqual(Object.keys(folders).sort());
    // Registered as a string (UTF-16 in memory): a declared encoding would make Task Scheduler refuse it.
    expect(template).not.toMatch(/<\?xml/);
    expect(errors).toEqual([]);
    expect(doc.documentElement?.tagName).toBe('Task');
    expect(doc.documentElement?.getAttribute('xmlns')).toBe('http://schemas.microsoft.com/windows/2004/02/mit/task');
  });

  it('runs as SYSTEM (by SID), elevated, at boot, and comes back when it stops', () => {
    expect(text('UserId')).toEqual(['S-1-5-18']);
    expect(text('RunLevel')).toEqual(['HighestAvailable']);
    expect(doc.getElementsByTagName('BootTrigger')).toHaveLength(1);
    // Started again within a minute when not running; never twice.
    expect(text('Interval')).toEqual(['PT1M', 'PT1M']);
    expect(text('MultipleInstancesPolicy')).toEqual(['IgnoreNew']);
    expect(text('Count')).toEqual(['999']);
    expect(text('ExecutionTimeLimit')).toEqual(['PT0S']);
    expect(text('DisallowStartIfOnBatteries')).toEqual(['false']);
    expect(text('StopIfGoingOnBatteries')).toEqual(['false']);
  });

  it("starts the Node and the helper the installers put in resources, logging in the helper's state folder", () => {
    const installed = (from: string, below: string) => `${folders.InstallDir}\\resources\\${shippedAs('win', from, below).replaceAll('/', '\\')}`;
    expect(text('Command')).toEqual([`"${installed(NODE_RUNTIME_FROM, 'node.exe')}"`]);
    expect(text('Arguments')).toEqual([`"${installed('out/src', HELPER_MAIN)}" run --log-file "${windowsStateDir({ ProgramData: 'C:\\ProgramData' })}\\helper.log"`]);
  });
});
