import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CheckId } from '../../../src/shared/checks';
import type { Facts, ScreenLockFacts, SoftwareFacts, UsbDevice, WifiConnection } from '../../../src/shared/facts';
import type { Finding, FindingKind } from '../../../src/shared/findings';
import { Policy } from '../../../src/shared/policy/schema';
import { known, unknown } from '../../../src/shared/observed';
import { AgentService } from '../../../src/node/agent/service';
import { createHandlers, type Handlers } from '../../../src/node/agent/ipc-handlers';
import { loadGuidance } from '../../../src/node/guidance/catalogue';
import { LiveHost } from '../../../src/node/host/live-host';
import { helperControl } from '../../../src/node/incident/isolation-control';
import type { IsolateResult } from '../../../src/node/isolation/client';
import type { Probe, ProbeSet } from '../../../src/node/probes/probe';
import { linuxScreenLockProbe } from '../../../src/node/probes/linux/screen-lock';
import { linuxSoftwareProbe } from '../../../src/node/probes/linux/software';

export const repoRoot = path.resolve(__dirname, '../../..');
export const examplePolicyFile = path.join(repoRoot, 'policies/example-policy.json');

/**
 * The probe boundary. This machine has no USB bus and no Wi-Fi radio, so USB and Wi-Fi facts are
 * what the test says is plugged in or connected (nothing, until it says otherwise). Screen lock and
 * software run the real Linux probes; a test that needs a finding the CI machine cannot have
 * (a denied program installed, auto-lock switched off) sets those facts here too.
 */
export class Boundary {
  usb: UsbDevice[] = [];
  wifi: WifiConnection[] = [];
  software: SoftwareFacts | null = null;
  screenLock: ScreenLockFacts | null = null;

  probes(): ProbeSet {
    const overridable = <K extends CheckId>(real: Probe<K>, facts: () => Facts[K] | null): Probe<K> => ({
      check: real.check,
      collect: async (host) => structuredClone(facts()) ?? real.collect(host),
    });
    return {
      usb: { check: 'usb', collect: async () => ({ devices: known(structuredClone(this.usb)) }) },
      wifi: { check: 'wifi', collect: async () => ({ connections: known(structuredClone(this.wifi)) }) },
      software: overridable(linuxSoftwareProbe, () => this.software),
      'screen-lock': overridable(linuxScreenLockProbe, () => this.screenLock),
    };
  }
}

/** An unknown mass-storage stick (vendor 0x1234), as sysfs would describe it. */
export const unknownStick: UsbDevice = {
  vendorId: 0x1234,
  productId: 0x5678,
  serial: 'SN-0042-UNKNOWN',
  serialKnown: true,
  deviceClass: 0,
  interfaceClasses: [0x08],
  manufacturer: 'ACME',
  product: 'Flash Disk',
  location: '1-2',
};

export const guestWifi: WifiConnection = {
  ssid: known('Guest-Free-WiFi'),
  bssid: 'aa:bb:cc:00:11:22',
  security: known('open'),
  interface: 'wlan0',
};

export const dropboxInstalled: SoftwareFacts = {
  installed: known([{ name: 'Dropbox', version: '221.4.5047', publisher: 'Dropbox, Inc.', identifier: 'dropbox', source: 'dpkg' }]),
  running: known([]),
};

export const autoLockOff: ScreenLockFacts = {
  config: known({ lockAfterSeconds: null, passwordOnResume: true, evidence: [{ source: 'gsettings org.gnome.desktop.screensaver lock-enabled', value: 'false' }] }),
  session: known({ locked: false, idleSeconds: 12 }),
};

/** What the isolation helper's absence gives (requestIsolation on a PC with no helper and no nmcli). */
export const helperAbsent: IsolateResult = {
  code: 'isolation.pull-cable',
  via: 'none',
  reportChannelCut: false,
  helper: { kind: 'absent', detail: 'ENOENT' },
  fallback: unknown('not-supported', 'no helper in the renderer tests'),
};

export interface AgentOptions {
  /** The policy's reporting.channels (default: the example policy's, which nothing answers). */
  reportingChannels?: Policy['reporting']['channels'];
  /**
   * The socket of a running test helper (test/support/isolation.ts): the agent isolates, asks and
   * releases through it. Without one, no helper answers (status and release say so) and isolation
   * answers as with the helper absent.
   */
  helperSocket?: string;
}

export interface TestAgent {
  service: AgentService;
  /** Every isolation the agent asked for (its reason). */
  isolations: string[];
  /** The agent's own state folder (its report queue is in reports/). */
  stateDir: string;
  boundary: Boundary;
  handlers: Handlers;
  /** Every URL main would have handed to shell.openExternal (mailto: links). */
  opened: string[];
  /** Runs checks now, as the scheduler or a hot-plug event would. */
  recheck(check?: CheckId): Promise<void>;
  finding(kind: FindingKind): Finding;
}

/** The real agent core, with the example policy and the shipped booklet guidance, after a first full check. */
export async function startAgent(options: AgentOptions = {}): Promise<TestAgent> {
  const boundary = new Boundary();
  const policy = Policy.parse(JSON.parse(readFileSync(examplePolicyFile, 'utf8')));
  if (options.reportingChannels) policy.reporting.channels = options.reportingChannels;
  const isolations: string[] = [];
  const host = new LiveHost();
  const helper = helperControl({ host, socketPath: options.helperSocket ?? path.join(os.tmpdir(), 'mamori-no-helper', 'helper.sock') });
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'mamori-renderer-state-'));
  const service = await AgentService.create({
    host,
    probes: boundary.probes(),
    loadPolicy: async () => ({ policy, source: { kind: 'file', file: examplePolicyFile }, problems: [] }),
    guidance: loadGuidance,
    isolation: {
      ...helper,
      isolate: async (reason) => (isolations.push(reason), options.helperSocket ? helper.isolate(reason) : helperAbsent),
    },
    // Each agent its own report queue: nothing of one test is delivered by another.
    stateDir,
  });
  const opened: string[] = [];
  const handlers = createHandlers(service, async (url) => void opened.push(url));
  await service.recheck();
  return {
    service,
    isolations,
    stateDir,
    boundary,
    handlers,
    opened,
    recheck: async (check) => void (await service.recheck(check)),
    finding: (kind) => {
      const found = service.snapshot().checks.flatMap((c) => c.findings).find((f) => f.kind === kind);
      if (!found) throw new Error(`no ${kind} finding in the agent's snapshot`);
      return found;
    },
  };
}
