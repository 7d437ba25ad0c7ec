import type { Host } from '../host/host';
import { runText } from '../probes/command';

/**
 * A full-tunnel VPN sends the report endpoints' traffic into a tunnel whose outer packets go to the
 * VPN server, which isolation does not allow: the report channel would be cut (as Microsoft Defender
 * for Endpoint documents for its isolation). The authoritative test is the kernel's own route choice
 * for each endpoint (`ip route get`, `route -n get`, `Find-NetRoute`), which also follows policy
 * routing (wg-quick's fwmark table) and the 0.0.0.0/1 + 128.0.0.0/1 pair OpenVPN installs with
 * redirect-gateway def1. Only that route lookup differs per OS (`RouteLookup`); the decision is here.
 */
export type VpnCode = 'report-via-tunnel' | 'default-via-tunnel' | 'none';

export interface VpnFinding {
  code: VpnCode;
  /** Tunnel devices seen on the relevant routes. */
  devices: string[];
  /** Endpoints routed through a tunnel. */
  endpoints: string[];
}

/** How one OS answers "which interface does the route to this address use" and "is it a tunnel". */
export interface RouteLookup {
  /** The interfaces the OS would send a packet to `ip` through; null when it cannot say (no route, command failed). */
  routeTo(ip: string): Promise<string[] | null>;
  /** Interfaces of the default routes as the OS lists them, beyond what routeTo(UNROUTED_PROBES) shows. */
  defaults(): Promise<string[]>;
  /** What the OS says about an interface beyond its name (Linux link kind, Windows adapter type). */
  isTunnel(device: string): Promise<boolean>;
}

/**
 * Documentation addresses (RFC 5737/3849), never routed anywhere: where the OS would send them is
 * where the default traffic goes, including def1 half routes and policy routing a default listing misses.
 */
const UNROUTED_PROBES = ['192.0.2.1', '2001:db8::1'];

/** Tunnel interface names on Linux and macOS (utun, ipsec, ppp) and names VPN clients give on any OS. */
const TUNNEL_NAME = /^(tun|tap|wg|ppp|utun|ipsec|vti|xfrm|gpd|cscotun|tailscale|zt|nordlynx|proton|mullvad|vpn)/i;
/** Link kinds (from `ip -d -o link show`) that are tunnels, whatever the device is called. */
const TUNNEL_KIND = /\s(wireguard|tun|vti6?|xfrm|ipip|sit|ip6tnl|gre|ip6gre)\s/;

/** The device a route goes out of: `dev NAME` in `ip route` / `ip route get` output. */
export function routeDevices(output: string): string[] {
  return [...new Set([...output.matchAll(/\bdev\s+(\S+)/g)].map((m) => m[1]!))];
}

export const isTunnelName = (dev: string, extraNames: readonly string[] = []) => TUNNEL_NAME.test(dev) || extraNames.includes(dev);
export const isTunnelLink = (ipDetailOutput: string) => TUNNEL_KIND.test(` ${ipDetailOutput.replace(/\s+/g, ' ')} `);

/** Linux: iproute2 (`ip route get`, `ip -d -o link show`), in the C locale. */
export function linuxRoutes(host: Host): RouteLookup {
  const ip = (args: string[]) => runText(host, { file: 'ip', args, env: { LC_ALL: 'C' } });
  const devices = async (args: string[]) => {
    const out = await ip(args);
    return out.ok ? routeDevices(out.stdout) : null;
  };
  return {
    routeTo: (addr) => devices(['route', 'get', addr]),
    defaults: async () => (await Promise.all([devices(['-4', 'route', 'show', 'default']), devices(['-6', 'route', 'show', 'default'])])).flatMap((d) => d ?? []),
    isTunnel: async (dev) => {
      const link = await ip(['-d', '-o', 'link', 'show', 'dev', dev]);
      return link.ok && isTunnelLink(link.stdout);
    },
  };
}

export interface VpnOptions {
  /** Interface names a VPN client is known to use here (e.g. from the policy). */
  vpnInterfaces?: readonly string[];
}

/**
 * Whether isolation would cut the report channel through a VPN; `endpointIps` are the resolved report
 * endpoints. A lookup that fails claims nothing (the endpoint is unreachable now: not a VPN question).
 */
export async function detectVpn(routes: RouteLookup, endpointIps: readonly string[], options: VpnOptions = {}): Promise<VpnFinding> {
  const tunnelCache = new Map<string, Promise<boolean>>();
  const isTunnel = (dev: string): Promise<boolean> => {
    if (isTunnelName(dev, options.vpnInterfaces)) return Promise.resolve(true);
    let known = tunnelCache.get(dev);
    if (!known) tunnelCache.set(dev, (known = routes.isTunnel(dev)));
    return known;
  };

  const viaTunnel: string[] = [];
  const devices = new Set<string>();
  const found = await Promise.all(endpointIps.map((ip) => routes.routeTo(ip)));
  for (const [i, devs] of found.entries()) {
    for (const dev of devs ?? []) {
      if (await isTunnel(dev)) {
        viaTunnel.push(endpointIps[i]!);
        devices.add(dev);
      }
    }
  }
  if (viaTunnel.length > 0) return { code: 'report-via-tunnel', devices: [...devices].sort(), endpoints: [...new Set(viaTunnel)] };

  const [listed, probed] = await Promise.all([routes.defaults(), Promise.all(UNROUTED_PROBES.map((ip) => routes.routeTo(ip)))]);
  for (const dev of [...listed, ...probed.flatMap((d) => d ?? [])]) if (await isTunnel(dev)) devices.add(dev);
  return devices.size > 0 ? { code: 'default-via-tunnel', devices: [...devices].sort(), endpoints: [] } : { code: 'none', devices: [], endpoints: [] };
}
