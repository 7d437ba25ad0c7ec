import type { Platform } from '../../shared/checks';
import { unknown } from '../../shared/observed';
import type { Probe, ProbeSet } from './probe';
import { unknownFacts } from './probe';

/** A platform's checks before its probes exist: each says so plainly, unknown, never pass. */
export function notYetSupported(platform: Platform): ProbeSet {
  const probe = <K extends keyof ProbeSet>(check: K): Probe<K> => ({
    check,
    collect: async () => unknownFacts(check, unknown('not-supported', `${platform} probes`)),
  });
  return { 'screen-lock': probe('screen-lock'), software: probe('software'), usb: probe('usb'), wifi: probe('wifi') };
}
