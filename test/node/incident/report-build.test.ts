import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Report } from '../../../src/shared/report';
import { buildReport } from '../../../src/node/incident/build-report';
import { parseSs } from '../../../src/node/incident/parse/ss';
import { LiveHost } from '../../../src/node/host/live-host';
import { policyWith, repoRoot } from '../../support/policy';

const fixture = readFileSync(path.join(repoRoot, 'test/fixtures/linux/ss_-tunapH.debian12.txt'), 'utf8');

describe('ss -tunapH', () => {
  it('parses every socket of a real capture, with the process where ss shows it', () => {
    const list = parseSs(fixture)!;
    expect(list).toHaveLength(6);
    expect(list[0]).toEqual({ protocol: 'tcp', local: '0.0.0.0:2024', remote: '0.0.0.0:*', state: 'LISTEN', pid: null, process: null });
    expect(list[3]).toEqual({ protocol: 'tcp', local: '127.0.0.1:45123', remote: '127.0.0.1:34974', state: 'ESTAB', pid: 11310, process: 'node' });
    expect(parseSs(fixture.replace(/\n/g, '\r\n'))).toEqual(list);
  });
  it('empty output is no connections; garbage is not ss output', () => {
    expect(parseSs('')).toEqual([]);
    expect(parseSs('Usage: ss [ OPTIONS ]\n')).toBeNull();
  });
});

describe('building an incident report on this PC', () => {
  it('gathers real interfaces and connections, labels the classification, and validates', async () => {
    // A real connection on loopback that ss must list.
    const server = net.createServer(() => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    try {
      const t0 = performance.now();
      const report = await buildReport(
        { kind: 'infection', note: '不審な添付ファイルを開いてしまいました', isolationRequested: true },
        { host: new LiveHost(), policy: policyWith(), facts: {}, findings: [], mamoriVersion: '0.1.0' },
      );
      expect(performance.now() - t0).toBeLessThan(1500);
      expect(Report.parse(report)).toEqual(report);
      expect(report.classification.label.ja).toBe('機密性2情報');
      expect(report.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(report.network.state).toBe('known');
      if (report.connections.state !== 'known') throw new Error(`connections unknown: ${JSON.stringify(report.connections)}`);
      expect(report.connections.value.some((c) => c.local === `127.0.0.1:${port}` && c.state === 'ESTAB')).toBe(true);
      // Facts the agent has not gathered yet are said to be unknown, not empty.
      expect(report.processes.state).toBe('unknown');
    } finally {
      socket.destroy();
      server.close();
    }
  });
});
