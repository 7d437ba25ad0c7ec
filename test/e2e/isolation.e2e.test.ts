import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePolicyInput, repoRoot } from '../support/policy';
import { GuestVm } from './harness/vm';
import { recordLatency } from './harness/latency';

/**
 * "Disconnect and report" on a suspected infection, inside the guest: the real privileged helper
 * (nftables) runs as root, `mamori report infection` asks it to isolate the PC, and afterwards only the
 * policy's report endpoint answers. Guest side: guest/rootfs/etc/e2e/net.sh and reach.js.
 */
const CSIRT_REPORT = '10.203.0.2:8443';
const CSIRT_OTHER = '10.203.0.2:8080';
const INTERNET = '10.203.0.6:8080';
const SERVER_JS = '/run/tiny-server.js';

describe('infection isolation in the guest (nftables)', () => {
  let vm: GuestVm;
  /** What the PC gets from the CSIRT's report port, another CSIRT port and the internet. */
  const reach = async () => JSON.parse(await vm.exec.check(`node /etc/e2e/reach.js ${CSIRT_REPORT} ${CSIRT_OTHER} ${INTERNET}`)) as string[];

  beforeAll(async () => {
    vm = await GuestVm.boot(['net']);
    await vm.exec.writeFile(SERVER_JS, readFileSync(path.join(repoRoot, 'test/node/isolation/fixtures/tiny-server.js'), 'utf8'));
    await vm.exec.check(`/etc/e2e/net.sh setup ${SERVER_JS}`);
    // The machine policy, where the helper and the CLI read it: the CSIRT's HTTPS endpoint is the one report channel.
    const policy = examplePolicyInput();
    policy.reporting = { channels: [{ type: 'https', url: `https://${CSIRT_REPORT}/mamori/reports` }], isolation: { allow: [], dns: [] } };
    await vm.exec.writeFile('/etc/mamori/policy.json', JSON.stringify(policy));
    await vm.exec.check('chmod 755 /etc/mamori && cd /app && (setsid node out/src/node/isolation/helper-main.js run --console-uid 1000 </dev/null >/run/helper.log 2>&1 &)');
    await vm.exec.check('for i in $(seq 300); do grep -q \'"event":"ready"\' /run/helper.log && exit 0; usleep 100000; done; cat /run/helper.log; exit 1');
  });

  afterAll(async () => {
    await vm?.quit();
  });

  it('mamori report infection isolates the PC: only the report endpoint stays reachable, until root releases it', async ({ task }) => {
    expect(await reach()).toEqual(['csirt:8443', 'csirt:8080', 'inet:8080']);

    const started = performance.now();
    const report = JSON.parse(await vm.exec.check('cd /app && node bin/mamori.js report infection --note "e2e: suspected infection" --json', 60_000)) as {
      persisted: { ok: boolean };
      isolation: { code: string; via: string };
    };
    recordLatency(task, { what: 'mamori report infection → isolated (whole command, incl. its 5 s delivery wait)', ms: performance.now() - started, target: '—' });
    expect(report, await vm.exec.check('cat /run/helper.log')).toMatchObject({ persisted: { ok: true }, isolation: { code: 'isolation.isolated' } });
    expect(await vm.exec.check('nft list table inet mamori_isolation')).toContain('policy drop');
    expect(await reach()).toEqual(['csirt:8443', 'blocked', 'blocked']);

    await vm.exec.check('cd /app && node out/src/node/isolation/helper-main.js release --reason "e2e: CSIRT released"');
    expect(await reach()).toEqual(['csirt:8443', 'csirt:8080', 'inet:8080']);
  });
});
