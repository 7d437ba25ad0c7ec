import type { Host } from '../host/host';
import { runText } from '../probes/command';

/**
 * A full-tunnel VPN sends the report endpoints' traffic into a tunnel whose outer packets go to the
 * VPN server, which isolation does not allow: the report channel would be cut (as Microsoft Defender
 * for Endpoint documents for its isolation). The authoritative test is the kernel's own route choice
 * (`ip route get <endpoint>`), which also follows policy routing (wg-quick's fwmark table) and the
 * 0.0.0.0/1 + 128.0.0.0/1 pair OpenVPN installs with redirect-gateway def1.
 */
export type VpnCode = 'report-via-tunnel' | 'default-via-tunnel' | 'none';

export interface VpnFinding {
  code: VpnCode;
  /** Tunnel devices seen on the relevant routes. */
  devices: string[];
  /** Endpoints routed through a tunnel. */
  endpoints: string[];
}

const TUNNEL_NAME = /^(tun|tap|wg|ppp|utun|ipsec|vti|xfrm|gpd|cscotun|tailscale|zt|nordlynx|proton|mullvad|vpn)/i;
/** Link kinds (from `ip -d -o link show`) that are tunnels, whatever the device is called. */
const TUNNEL_KIND = /\s(wireguard|tun|vti6?|xfrm|ipip|sit|ip6tnl|gre|ip6gre)\s/;

/** The device a route goes out of: `dev NAME` in `ip route` / `ip route get` output. */
export function routeDevices(output: string): string[] {
  return [...new Set([...output.matchAll(/\bdev\s+(\S+)/g)].map((m) => m[1]!))];
}

export const isTunnelName = (dev: string, extraNames: readonly string[] = []) => TUNNEL_NAME.test(dev) || extraNames.includes(dev);
export const isTunnelLink = (ipDetailOutput: string) => TUNNEL_KIND.test(` ${ipDetailOutput.replace(/\s+/g, ' ')} `);

export interface VpnOptions {
  /** Interface names a VPN client is known to use here (e.g. from the policy). */
  vpnInterfaces?: readonly string[];
}

/** Whether isolation would cut the report channel through a VPN; `endpointIps` are the resolved report endpoints. */
export async function detectVpn(host: Host, endpointIps: readonly string[], options: VpnOptions = {}): Promise<VpnFinding> {
  const tunnelCache = new Map<string, boolean>();
  const isTunnel = async (dev: string): Promise<boolean> => {
    if (isTunnelName(dev, options.vpnInterfaces)) return true;
    const cached = tunnelCache.get(dev);
    if (cached !== undefined) return cached;
    const link = await runText(host, { file: 'ip', args: ['-d', '-o', 'link', 'show', 'dev', dev], env: { LC_ALL: 'C' } });
    const result = link.ok && isTunnelLink(link.stdout);
    tunnelCache.set(dev, result);
    return result;
  };

  const viaTunnel: string[] = [];
  const devices = new Set<string>();
  const routes = await Promise.all(endpointIps.map((ip) => runText(host, { file: 'ip', args: ['route', 'get', ip], env: { LC_ALL: 'C' } })));
  for (const [i, out] of routes.entries()) {
    if (!out.ok) continue; // unreachable now: not a VPN question
    for (const dev of routeDevices(out.stdout)) {
      if (await isTunnel(dev)) {
        viaTunnel.push(endpointIps[i]!);
        devices.add(dev);
      }
    }
  }
  if (viaTunnel.length > 0) return { code: 'report-via-tunnel', devices: [...devices].sort(), endpoints: [...new Set(viaTunnel)] };

  // The default routes, and where the kernel would send a documentation address (RFC 5737/3849, never
  // routed anywhere): that also sees def1 routes and policy routing that `route show default` misses.
  const probes = [['-4', 'route', 'show', 'default'], ['-6', 'route', 'show', 'default'], ['route', 'get', '192.0.2.1'], ['route', 'get', '2001:db8::1']];
  for (const args of probes) {
    const out = await runText(host, { file: 'ip', args, env: { LC_ALL: 'C' } });
    if (!out.ok) continue;
    for (const dev of routeDevices(out.stdout)) if (await isTunnel(dev)) devices.add(dev);
  }
  return devices.size > 0 ? { code: 'default-via-tunnel', devices: [...devices].sort(), endpoints: [] } : { code: 'none', devices: [], endpoints: [] };
}
