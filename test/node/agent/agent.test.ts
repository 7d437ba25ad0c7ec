import { describe, expect, it } from 'vitest';
import { Agent } from '../../../src/node/agent/agent';
import type { UsbDevice } from '../../../src/shared/facts';
import type { Host } from '../../../src/node/host/host';
import type { ProbeSet } from '../../../src/node/probes/probe';
import { notYetSupported } from '../../../src/node/probes/not-supported';
import { policyWith } from '../../support/policy';

const host = { info: { platform: 'linux', osVersion: 'test', locale: 'ja-JP', hostname: 'pc' } } as Host;
const stick: UsbDevice = { vendorId: 0x1234, productId: 0x5678, serial: 'X', serialKnown: true, deviceClass: 0, interfaceClasses: [8], manufacturer: null, product: 'Stick', location: '1-1' };

/** Probes whose USB answer the test sets, as if the OS had reported it (the probe boundary). */
function probes(devices: () => UsbDevice[]): ProbeSet {
  return { ...notYetSupported('linux'), usb: { check: 'usb', collect: async () => ({ devices: { state: 'known', value: devices() } }) } };
}

describe('Agent', () => {
  it('tells listeners what was raised and what cleared, keeping the latest result of each check', async () => {
    let attached: UsbDevice[] = [];
    const agent = new Agent(host, probes(() => attached), { policy: policyWith(), source: { kind: 'default', file: '' }, problems: [] });
    const cycles: [string[], string[]][] = [];
    agent.onCycle((c) => cycles.push([c.raised.map((f) => f.kind), c.cleared.map((f) => f.kind)]));

    await agent.run(['usb']);
    attached = [stick];
    await agent.run(['usb']);
    await agent.run(['usb']); // still there: nothing new
    attached = [];
    await agent.run(['usb']);
    expect(cycles).toEqual([
      [[], []],
      [['usb-unapproved-device'], []],
      [[], []],
      [[], ['usb-unapproved-device']],
    ]);
    expect(agent.results().map((r) => [r.id, r.status])).toEqual([['usb', 'pass']]);
  });

  it('a probe that throws makes its check unknown (probe-error), and the others still run', async () => {
    const broken: ProbeSet = { ...probes(() => [stick]), wifi: { check: 'wifi', collect: async () => { throw new Error('parser bug'); } } };
    const agent = new Agent(host, broken, { policy: policyWith(), source: { kind: 'default', file: '' }, problems: [] });
    const { results } = await agent.run(['usb', 'wifi']);
    expect(results.map((r) => [r.id, r.status])).toEqual([['usb', 'fail'], ['wifi', 'unknown']]);
    expect(results[1]!.unknowns[0]).toMatchObject({ reason: 'probe-error', detail: 'parser bug' });
  });
});
