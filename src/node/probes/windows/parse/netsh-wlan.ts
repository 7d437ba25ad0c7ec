import type { WifiConnection } from '../../../../shared/facts';
import { known, unknown } from '../../../../shared/observed';
import { outputLines } from './text';
import type { Field } from './wlan-vocabulary';
import { CONNECTED_STATES, FIELD_LABELS, NOT_CONNECTED_STATES, securityOf } from './wlan-vocabulary';

export type NetshInterfacesParse = { ok: true; connections: WifiConnection[] } | { ok: false; problem: string };

const LABEL_OF = new Map<string, Field>(
  Object.entries(FIELD_LABELS).flatMap(([field, labels]) => labels.map((l) => [l, field as Field] as const)),
);
// "    Label     : value" (the value may contain colons, e.g. a BSSID); lines without indentation are headers.
const FIELD_LINE = /^\s+(.+?)\s*:\s?(.*)$/;
// "There is 1 interface on the system:", "There are 2 interfaces…", "システムに 1 インターフェイスがあります:"
const INTERFACE_COUNT = /^\S.*?(\d+)\D*$/;

type Block = Partial<Record<Field, string>>;

/**
 * The connections in `netsh wlan show interfaces`: one block per interface, each starting at its
 * Name line. The header's interface count must match the blocks found, so cut-off output is not
 * mistaken for fewer interfaces. Only a "connected" interface is a connection; a state we do not
 * know makes the whole answer unparseable rather than "not connected".
 */
export function parseNetshInterfaces(text: string): NetshInterfacesParse {
  const blocks: Block[] = [];
  let declared: number | null = null;
  for (const line of outputLines(text)) {
    if (line.trim() === '') continue;
    const field = FIELD_LINE.exec(line);
    if (!field) {
      const count = INTERFACE_COUNT.exec(line);
      if (count && declared === null && blocks.length === 0) declared = Number(count[1]);
      continue;
    }
    const name = LABEL_OF.get(field[1]!.trim());
    if (name === undefined) continue; // signal, channel, rates…: not needed for a verdict
    if (name === 'name') blocks.push({});
    const block = blocks.at(-1);
    if (block && block[name] === undefined) block[name] = field[2]!.trim();
  }
  if (declared === null) return { ok: false, problem: 'no interface count line' };
  if (declared !== blocks.length) return { ok: false, problem: `${declared} interface(s) announced, ${blocks.length} listed` };

  const connections: WifiConnection[] = [];
  for (const block of blocks) {
    const state = block.state?.toLowerCase();
    if (state === undefined) return { ok: false, problem: `interface "${block.name}": no state line` };
    if (NOT_CONNECTED_STATES.has(state)) continue;
    if (!CONNECTED_STATES.has(state)) return { ok: false, problem: `interface "${block.name}": unknown state "${block.state}"` };
    connections.push(connectionOf(block));
  }
  return { ok: true, connections };
}

function connectionOf(block: Block): WifiConnection {
  const security = block.authentication === undefined ? null : securityOf(block.authentication, block.cipher);
  return {
    ssid: block.ssid ? known(block.ssid.slice(0, 64)) : unknown('unparseable-output', `interface "${block.name}": connected without an SSID line`),
    bssid: block.bssid && /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(block.bssid) ? block.bssid.toLowerCase() : null,
    security:
      security !== null
        ? known(security)
        : unknown('unparseable-output', `authentication "${block.authentication ?? '(none)'}", cipher "${block.cipher ?? '(none)'}"`),
    interface: block.name?.slice(0, 100) ?? null,
  };
}
