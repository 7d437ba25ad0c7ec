import type { Platform } from '../../shared/checks';
import type { Observed } from '../../shared/observed';
import { known, unknown } from '../../shared/observed';
import type { Connection } from '../../shared/report';
import type { Host } from '../host/host';
import { runText } from '../probes/command';
import { parseSs } from './parse/ss';

/** A report must not wait for a slow tool: the network may be cut a moment later. */
const TIMEOUT_MS = 1500;

const READERS: Partial<Record<Platform, (host: Host) => Promise<Observed<Connection[]>>>> = {
  linux: async (host) => {
    const out = await runText(host, { file: 'ss', args: ['-tunapH'], timeoutMs: TIMEOUT_MS, env: { LC_ALL: 'C' } });
    if (!out.ok) return out.why;
    const parsed = parseSs(out.stdout);
    return parsed ? known(parsed) : unknown('unparseable-output', 'ss');
  },
};

/** The open network connections, for an incident report; unknown where this OS has no reader yet. */
export function openConnections(host: Host): Promise<Observed<Connection[]>> {
  const reader = READERS[host.info.platform];
  return reader ? reader(host) : Promise.resolve(unknown('not-supported', `connections on ${host.info.platform}`));
}
