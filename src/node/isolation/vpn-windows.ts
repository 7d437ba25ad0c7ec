import { isIP } from 'node:net';
import { z } from 'zod';
import type { Host } from '../host/host';
import { runText } from '../probes/command';
import type { RouteLookup } from './vpn';

/**
 * The adapter Windows would send a packet to the address through: Find-NetRoute (the routing
 * decision, so def1 half routes count) and that interface's adapter. The alias is the user's name
 * for the connection, in their language; the description (driver name) and ifType are not localised,
 * so they are what we classify by. Get-NetAdapter -IncludeHidden also lists virtual adapters.
 * `ip` must be a bare IP literal: it is placed in the script (checked by the caller with isIP).
 */
export const routeQueryArgs = (ip: string) => [
  '-NoProfile',
  '-NonInteractive',
  '-Command',
  `$r = Find-NetRoute -RemoteIPAddress '${ip}' -ErrorAction Stop | Select-Object -Last 1; $a = Get-NetAdapter -IncludeHidden -InterfaceIndex $r.InterfaceIndex -ErrorAction SilentlyContinue; [pscustomobject]@{ InterfaceAlias = $r.InterfaceAlias; InterfaceDescription = $a.InterfaceDescription; InterfaceType = $a.InterfaceType } | ConvertTo-Json -Compress`,
];

const RouteAdapter = z.object({
  InterfaceAlias: z.string().min(1),
  InterfaceDescription: z.string().nullable(),
  InterfaceType: z.number().nullable(),
});
type RouteAdapter = z.infer<typeof RouteAdapter>;

/**
 * IANA ifType values of tunnels: 23 ppp (built-in VPN: IKEv2, SSTP, L2TP, PPTP over the WAN
 * Miniports), 131 tunnel, 53 propVirtual (Wintun, used by WireGuard and OpenVPN 2.5+; TAP-Windows,
 * dotnet/runtime#48701). Physical Ethernet (6) and Wi-Fi (71) are never tunnels.
 */
const TUNNEL_IF_TYPES = new Set([23, 53, 131]);
/**
 * Driver descriptions of common VPN adapters whose ifType is plain Ethernet: OpenVPN's TAP-Windows,
 * Cisco AnyConnect / Secure Client, GlobalProtect ("PANGP Virtual Ethernet Adapter"), FortiClient
 * ("Fortinet SSL VPN Virtual Ethernet Adapter"); plus WireGuard, Wintun and WAN Miniport by name too.
 */
const TUNNEL_DESCRIPTION = /WireGuard|Wintun|TAP-Windows|AnyConnect|Cisco Secure Client|PANGP|Fortinet|WAN Miniport/i;

export const isTunnelAdapter = (a: RouteAdapter) =>
  (a.InterfaceType !== null && TUNNEL_IF_TYPES.has(a.InterfaceType)) || (a.InterfaceDescription !== null && TUNNEL_DESCRIPTION.test(a.InterfaceDescription));

/** The adapter from routeQueryArgs' JSON, or null when it is not that. */
export function parseRouteAdapter(json: string): RouteAdapter | null {
  try {
    const parsed = RouteAdapter.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Windows: one PowerShell per address; what each adapter is comes back with its route. */
export function windowsRoutes(host: Host): RouteLookup {
  const tunnels = new Map<string, boolean>();
  return {
    routeTo: async (ip) => {
      if (isIP(ip) === 0) return null;
      const out = await runText(host, { file: 'powershell.exe', args: routeQueryArgs(ip), timeoutMs: 15_000 });
      const adapter = out.ok ? parseRouteAdapter(out.stdout) : null;
      if (!adapter) return null;
      tunnels.set(adapter.InterfaceAlias, isTunnelAdapter(adapter));
      return [adapter.InterfaceAlias];
    },
    // Windows has no separate default listing worth adding: Find-NetRoute to the unrouted probes is it.
    defaults: async () => [],
    isTunnel: async (alias) => tunnels.get(alias) ?? false,
  };
}
