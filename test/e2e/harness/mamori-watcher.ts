import type { Finding } from '../../../src/shared/findings';
import type { PolicyInput } from '../../../src/shared/policy/schema';
import type { Line } from './lines';
import type { GuestVm } from './vm';

/** One line of `mamori watch --json` (src/node/cli/commands/watch.ts). */
export type WatchEvent =
  | { event: 'started' }
  | { event: 'raised' | 'cleared'; finding: Finding & { message: string } }
  | { event: 'checked'; check: string; status: string; unknowns: { reason: string; detail?: string }[] };

export interface Received {
  event: WatchEvent;
  /** Host monotonic time the line arrived (performance.now()). */
  at: number;
}

export const GUEST_POLICY = '/etc/e2e/policy.json';
/** An event line; anything else on the port (a stray message) is null. */
const eventOf = (text: string): WatchEvent | null => (text.startsWith('{') ? (JSON.parse(text) as WatchEvent) : null);
const APP = '/app';
const ERRORS = '/run/mamori-watch.err';

/**
 * Mamori's headless watcher (`mamori watch --json --policy …`) running in the guest as on a PC,
 * printing its NDJSON events to the guest's third serial port, which the host reads line by line.
 */
export class MamoriWatcher {
  private constructor(private readonly vm: GuestVm) {}

  /** Writes the policy into the guest, starts the watcher and waits for its first cycle of `checks`. */
  static async start(vm: GuestVm, policy: PolicyInput, checks: readonly string[]): Promise<MamoriWatcher> {
    await vm.exec.writeFile(GUEST_POLICY, JSON.stringify(policy, null, 2));
    const from = vm.events.cursor;
    await vm.exec.check(
      `stty -F /dev/ttyS2 raw -echo && cd ${APP} && (setsid node bin/mamori.js watch --json --policy ${GUEST_POLICY} </dev/null >/dev/ttyS2 2>${ERRORS} &)`,
    );
    const watcher = new MamoriWatcher(vm);
    for (const check of checks) {
      await watcher.next((e) => e.event === 'checked' && e.check === check, { from, timeoutMs: 60_000, what: `the watcher's first ${check} check` });
    }
    return watcher;
  }

  get cursor(): number {
    return this.vm.events.cursor;
  }

  /** The cursor of the first event that arrived after the host time `at` (performance.now()). */
  cursorAfter(at: number): number {
    const index = this.vm.events.lines.findIndex((l) => l.at > at);
    return index === -1 ? this.vm.events.cursor : index;
  }

  /** The first event at or after `from` that satisfies `match`. */
  async next(match: (event: WatchEvent) => boolean, options: { from: number; timeoutMs: number; what: string }): Promise<Received> {
    try {
      const { line } = await this.vm.events.waitFor((text) => {
        const event = eventOf(text);
        return event !== null && match(event);
      }, options);
      return { event: eventOf(line.text)!, at: line.at };
    } catch (error) {
      const stderr = await this.vm.exec.run(`cat ${ERRORS}`, 5_000).catch(() => ({ out: '(unreadable)' }));
      throw new Error(`${(error as Error).message}\nwatcher stderr:\n${stderr.out}`);
    }
  }

  /** Every event received from `from` on. */
  since(from: number): WatchEvent[] {
    return this.vm.events.lines.slice(from).flatMap((l: Line) => eventOf(l.text) ?? []);
  }
}

export const raised = (kind: Finding['kind'], about: (f: Finding) => boolean = () => true) => (e: WatchEvent) =>
  e.event === 'raised' && e.finding.kind === kind && about(e.finding);
export const cleared = (findingId: string) => (e: WatchEvent) => e.event === 'cleared' && e.finding.id === findingId;
export const checked = (check: string) => (e: WatchEvent) => e.event === 'checked' && e.check === check;
