import type { CheckId } from '../../shared/checks';
import type { Facts } from '../../shared/facts';
import type { Unknown } from '../../shared/observed';
import { unknown } from '../../shared/observed';
import type { Host } from '../host/host';

/** One check's probe for one OS: gathers facts through the host, never throws, never guesses. */
export interface Probe<K extends CheckId> {
  readonly check: K;
  collect(host: Host): Promise<Facts[K]>;
}

export type ProbeSet = { readonly [K in CheckId]: Probe<K> };

/** Live changes that make a check worth running now (USB hot-plug, lock/unlock, network change). */
export interface ChangeSource {
  /** Returns a function that stops listening. */
  subscribe(onChange: (check: CheckId) => void): () => void;
}

/** The facts of a check when nothing could be observed, all with the same reason. */
export function unknownFacts<K extends CheckId>(check: K, why: Unknown): Facts[K] {
  const facts: { [C in CheckId]: Facts[C] } = {
    'screen-lock': { config: why, session: why },
    software: { installed: why, running: why },
    usb: { devices: why },
    wifi: { connections: why },
  };
  return facts[check];
}

/** Runs a probe so that a bug inside it becomes "unknown (probe-error)", never a crash or a pass. */
export async function collectSafely<K extends CheckId>(probe: Probe<K>, host: Host): Promise<Facts[K]> {
  try {
    return await probe.collect(host);
  } catch (e) {
    return unknownFacts(probe.check, unknown('probe-error', e instanceof Error ? e.message : String(e)));
  }
}
