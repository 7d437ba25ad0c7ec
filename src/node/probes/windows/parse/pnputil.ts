import { outputLines } from './text';

/**
 * `pnputil /enum-devices /connected /relations` (Windows 10 1903 and later), one block per device:
 *
 *     Instance ID:                USB\VID_239A&PID_8036&MI_03\7&1ec6fc0a&0&0003
 *     Device Description:         USB Input Device
 *     Class Name:                 HIDClass
 *     Class GUID:                 {745a17a0-74d3-11d0-b6fe-00a0c90f57da}
 *     Manufacturer Name:          (Standard system devices)
 *     Status:                     Started
 *     Driver Name:                input.inf
 *     Parent:                     USB\VID_239A&PID_8036\8351BF333339395320202038471207FF
 *     Children:                   HID\VID_239A&PID_8036&MI_03&Col01\8&368a5fc6&0&0000
 *                                 HID\VID_239A&PID_8036&MI_03&Col02\8&368a5fc6&0&0001
 *
 * The labels are localized, so fields are recognised by their place and the shape of their value:
 * the block's first value is its instance ID, the second its description, the value in braces its
 * class GUID, and the first later value shaped like an instance ID its parent (pnputil prints
 * Parent before Children). Instance IDs hold no spaces (IRP_MN_QUERY_ID forbids characters <= 0x20).
 */
export interface PnpDevice {
  instanceId: string;
  description: string | null;
  /** Lower-case, without braces. */
  classGuid: string | null;
  parent: string | null;
}

export type PnputilParse = { ok: true; devices: PnpDevice[] } | { ok: false; problem: string };

const INSTANCE_ID = /^[A-Za-z0-9_]+\\[^\\\s]+(\\[^\\\s]+)+$/;
const CLASS_GUID = /^\{([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}$/i;
// "Label:   value"; the label never starts with a space; a full-width colon is accepted too.
const FIELD = /^(\S[^:：]*)[:：]\s*(.*)$/;

export const isInstanceId = (value: string) => INSTANCE_ID.test(value);

/** Every device block; a block whose first value is not an instance ID means output we do not know. */
export function parsePnputilDevices(text: string): PnputilParse {
  const devices: PnpDevice[] = [];
  let values: string[] = [];
  const flush = (): string | null => {
    const block = values;
    values = [];
    if (block.length === 0) return null;
    const [instanceId, second] = block;
    if (!isInstanceId(instanceId!)) return `a block starts with "${instanceId!.slice(0, 100)}", not an instance ID`;
    const guid = block.map((v) => CLASS_GUID.exec(v)).find((m) => m !== null);
    devices.push({
      instanceId: instanceId!,
      description: second !== undefined && !isInstanceId(second) && !CLASS_GUID.test(second) ? second : null,
      classGuid: guid ? guid[1]!.toLowerCase() : null,
      parent: block.slice(1).find(isInstanceId) ?? null,
    });
    return null;
  };
  for (const line of outputLines(text)) {
    if (line.trim() === '') {
      const problem = flush();
      if (problem) return { ok: false, problem };
      continue;
    }
    if (/^\s/.test(line)) continue; // a further Children entry: the tree is rebuilt from Parent lines
    const field = FIELD.exec(line);
    if (field) values.push(field[2]!.trim());
    // A line without a label ("Microsoft PnP Utility") is the title.
  }
  const problem = flush();
  return problem ? { ok: false, problem } : { ok: true, devices };
}

/** pnputil prints its usage, not devices, when this Windows does not know a flag (before Windows 10 1903). */
export const isPnputilUsage = (text: string) => /^\s*PNPUTIL \[/im.test(text);
