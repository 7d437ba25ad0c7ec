import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writingAclEntries } from '../../../src/node/policy/macos-acl';
import { unprotectedReason } from '../../../src/node/policy/protection';

const FIXTURES = path.join(__dirname, '../../fixtures/mac');
const captured = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
/** Real `ls -le` output of macOS folders (test/fixtures/README.md): deny entries, and an allow that only lets a group list. */
const HOME_DENY_DELETE = captured('ls_-led.home-deny-delete.eclecticlight.txt');
const LIBRARY_ALLOW_SEARCH = captured('ls_-le.library-allow-search.unix-se-1646.txt');
/** Constructed: what `chmod +a "user:tanaka allow write,append"` adds, in ls's format (the lines above). */
const USER_MAY_WRITE = '-rw-r--r--+ 1 root  wheel  2048 Nov 26 10:00 policy.json\n 0: user:tanaka allow write,append\n';

describe('macOS ACL entries (ls -lde)', () => {
  it('deny entries and allow entries that only read or list are no way in', () => {
    expect(writingAclEntries(HOME_DENY_DELETE)).toEqual([]);
    expect(writingAclEntries(LIBRARY_ALLOW_SEARCH)).toEqual([]);
    expect(writingAclEntries('-rw-r--r--  1 root  wheel  2048 Nov 26 10:00 policy.json\n')).toEqual([]);
  });

  it('an entry allowing anyone to write, inherited or not, is', () => {
    expect(writingAclEntries(USER_MAY_WRITE)).toEqual(['0: user:tanaka allow write,append']);
    const inherited = 'drwxr-xr-x+ 4 root  wheel  128 Nov 26 10:00 Mamori\n 0: group:staff inherited allow add_file,delete_child\n';
    expect(writingAclEntries(inherited)).toEqual(['0: group:staff inherited allow add_file,delete_child']);
  });
});

describe.runIf(process.getuid?.() === 0)('unprotectedReason on macOS (root-owned files here, ACLs as ls prints them)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-protection-'));
    chmodSync(dir, 0o755);
    file = path.join(dir, 'policy.json');
    writeFileSync(file, '{}', { mode: 0o644 });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('owner root and mode 0644 with harmless ACLs: protected', async () => {
    expect(await unprotectedReason(file, 'darwin', async (target) => (target === dir ? HOME_DENY_DELETE : LIBRARY_ALLOW_SEARCH))).toBeNull();
  });

  it('an ACL letting a user write the file or its folder: not protected, saying which entry', async () => {
    expect(await unprotectedReason(file, 'darwin', async (target) => (target === file ? USER_MAY_WRITE : HOME_DENY_DELETE))).toBe(`${file}: ACL entry lets others write: 0: user:tanaka allow write,append`);
    expect(await unprotectedReason(file, 'darwin', async (target) => (target === dir ? USER_MAY_WRITE : ''))).toMatch(new RegExp(`^${dir}: ACL entry`));
  });

  it('ACLs that cannot be read: the check fails, so the policy is not trusted', async () => {
    await expect(unprotectedReason(file, 'darwin', async () => Promise.reject(new Error('ls: not found')))).rejects.toThrow('ls: not found');
  });

  it('Linux: mode bits decide, POSIX ACLs included (a named user who may write needs the mask, shown as group write)', async () => {
    expect(await unprotectedReason(file, 'linux', async () => USER_MAY_WRITE)).toBeNull();
    chmodSync(file, 0o664); // what `setfacl -m u:tanaka:rw` does to the mode bits
    expect(await unprotectedReason(file, 'linux')).toBe(`${file}: mode 664 lets others write`);
  });
});
