import { isIPv6 } from 'node:net';
import type { Host } from '../host/host';
import { runText } from '../probes/command';
import type { RouteLookup } from './vpn';

/** The `interface:` line of `route -n get` (BSD route(8), the same on every macOS language). */
export function routeGetInterface(output: string): string[] {
  const m = /^\s*interface:\s*(\S+)\s*$/m.exec(output);
  return m ? [m[1]!] : [];
}

/**
 * macOS: `/sbin/route -n get` asks the kernel which route it would use (so it sees OpenVPN's def1 half
 * routes, which `route get default` does not). macOS VPN interfaces are utun*, ipsec* and ppp*, all
 * recognised by name in vpn.ts; no per-interface query is needed. An unreachable address makes route
 * exit 1 ("not in table"), which claims nothing.
 */
export function macRoutes(host: Host): RouteLookup {
  const get = async (target: string, inet6: boolean) => {
    const out = await runText(host, { file: '/sbin/route', args: ['-n', 'get', ...(inet6 ? ['-inet6'] : []), target] });
    return out.ok ? routeGetInterface(out.stdout) : null;
  };
  return {
    routeTo: (ip) => get(ip, isIPv6(ip)),
    defaults: async () => (await Promise.all([get('default', false), get('default', true)])).flatMap((d) => d ?? []),
    isTunnel: async () => false,
  };
}
