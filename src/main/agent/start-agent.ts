import type { Platform } from '../../shared/checks';
import { AgentService } from '../../node/agent/service';
import { policyFor } from '../../node/cli/policy-options';
import { loadGuidance } from '../../node/guidance/catalogue';
import { LiveHost } from '../../node/host/live-host';
import type { LoadedPolicy } from '../../node/policy/loader';
import { probesFor } from '../../node/probes/registry';
import { usbHotplug } from '../../node/probes/usb-hotplug';
import { powerMonitorSource, type PowerEvents } from './power-monitor-source';

/**
 * The machine policy with its fallbacks (last good copy, then the default shipped in
 * process.resourcesPath when packaged): policyFor without --policy, which always yields a policy.
 */
async function machinePolicy(platform: Platform): Promise<LoadedPolicy> {
  const loaded = await policyFor(platform, undefined);
  if (!('policy' in loaded)) throw new Error('machine policy lookup returned no policy');
  return loaded;
}

/** The agent the tray app runs: this PC's probes, the machine policy, USB hot-plug and lock/unlock events. */
export async function createAgentService(platform: Platform, power: PowerEvents): Promise<AgentService> {
  return AgentService.create({
    host: new LiveHost(),
    probes: await probesFor(platform),
    loadPolicy: () => machinePolicy(platform),
    guidance: loadGuidance(),
    changeSources: [usbHotplug, powerMonitorSource(power)],
  });
}
