import { describe, expect, it } from 'vitest';
import { loginctlConsoleUsers, userName } from '../../../src/node/isolation/console-user';
import { FakeHost } from '../../support/fake-host';

const seat = (session: string) => ({ file: 'loginctl', args: ['show-seat', 'seat0', '-p', 'ActiveSession'], stdout: `ActiveSession=${session}\n` });
const session = (id: string, props: string) => ({ file: 'loginctl', args: ['show-session', id, '-p', 'User', '-p', 'Remote', '-p', 'Active'], stdout: props });

describe('console user', () => {
  it('is the user of the active local session on seat0', async () => {
    const host = new FakeHost({ commands: [seat('3'), session('3', 'User=1000\nRemote=no\nActive=yes\n')] });
    expect(await loginctlConsoleUsers(host)()).toEqual([1000]);
  });

  it('is nobody for a remote or inactive session, root, no seat, or odd session ids', async () => {
    for (const props of ['User=1000\nRemote=yes\nActive=yes\n', 'User=1000\nRemote=no\nActive=no\n', 'User=0\nRemote=no\nActive=yes\n', 'User=\nRemote=no\nActive=yes\n']) {
      expect(await loginctlConsoleUsers(new FakeHost({ commands: [seat('3'), session('3', props)] }))(), props).toEqual([]);
    }
    expect(await loginctlConsoleUsers(new FakeHost({ commands: [seat('')] }))()).toEqual([]);
    expect(await loginctlConsoleUsers(new FakeHost({ commands: [seat('3 --help')] }))()).toEqual([]);
    expect(await loginctlConsoleUsers(new FakeHost())()).toEqual([]);
  });

  it('names a uid through NSS, or #uid', async () => {
    const host = new FakeHost({ commands: [{ file: 'getent', args: ['passwd', '1000'], stdout: 'tanaka:x:1000:1000:田中 太郎:/home/tanaka:/bin/bash\n' }] });
    expect(await userName(host, 1000)).toBe('tanaka');
    expect(await userName(host, 1001)).toBe('#1001');
  });
});
