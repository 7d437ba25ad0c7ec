import type { Platform } from '../../shared/checks';
import { AgentService } from '../../node/agent/service';
import { policyFor } from '../../node/cli/policy-options';
import { loadGuidance } from '../../node/guidance/catalogue';
import { LiveHost } from '../../node/host/live-host';
import { helperControl } from '../../node/incident/isolation-control';
import type { LoadedPolicy } from '../../node/policy/loader';
import { probesFor } from '../../node/probes/registry';
import { usbHotplug } from '../../node/probes/usb-hotplug';
import { powerMonitorSource, type PowerEvents } from './power-monitor-source';
import { sessionFromPowerMonitor, type PowerState } from './power-monitor-session';
import { withSessionFrom } from '../../node/probes/session-override';

/**
 * The machine policy with its fallbacks (last good copy, then the default shipped in
 * process.resourcesPath when packaged): policyFor without --policy, which always yields a policy.
 */
async function machinePolicy(platform: Platform): Promise<LoadedPolicy> {
  const loaded = await policyFor(platform, undefined);
  if (!('policy' in loaded)) throw new Error('machine policy lookup returned no policy');
  return loaded;
}

/** The agent the tray app runs: this PC's probes, the machine policy, USB hot-plug and lock/unlock events, network isolation. */
export async function createAgentService(platform: Platform, power: PowerEvents & PowerState): Promise<AgentService> {
  const host = new LiveHost();
  const probes = await probesFor(platform);
  return AgentService.create({
    host,
    // Windows and macOS tell the session state only to the app (powerMonitor); Linux probes ask D-Bus themselves.
    probes: platform === 'linux' ? probes : { ...probes, 'screen-lock': withSessionFrom(probes['screen-lock'], sessionFromPowerMonitor(power)) },
    loadPolicy: () => machinePolicy(platform),
    guidance: loadGuidance,
    changeSources: [usbHotplug, powerMonitorSource(power)],
    // The privileged helper's isolation and release, or what the user's own rights allow (see docs/isolation.md).
    isolation: helperControl({ host }),
  });
}
