import type { InstalledSoftware } from '../../../shared/facts';
import type { Observed } from '../../../shared/observed';
import { unknown } from '../../../shared/observed';
import type { Host } from '../../host/host';

export type InstalledAppsRead = (host: Host) => Promise<Observed<InstalledSoftware[]>>;

interface HostEntry {
  last?: Observed<InstalledSoftware[]>;
  refreshing?: Promise<Observed<InstalledSoftware[]>>;
}

/**
 * Listing applications takes system_profiler seconds to minutes, longer than a check should wait.
 * The first call for a host waits for a read; later calls answer at once with the last completed
 * read and start a new one in the background (never two at a time), so the list is at most one
 * check old. Kept per host: a support bundle must never be answered with this PC's applications.
 * The last read is kept whatever it was: a failed refresh reports unknown, not an older list.
 */
export class InstalledAppsCache {
  private readonly byHost = new WeakMap<Host, HostEntry>();

  constructor(private readonly read: InstalledAppsRead) {}

  async get(host: Host): Promise<Observed<InstalledSoftware[]>> {
    let entry = this.byHost.get(host);
    if (!entry) this.byHost.set(host, (entry = {}));
    const refreshing = entry.refreshing ?? this.refresh(host, entry);
    return entry.last ?? refreshing;
  }

  private refresh(host: Host, entry: HostEntry): Promise<Observed<InstalledSoftware[]>> {
    // Never rejects: a background refresh has no caller to report to.
    const refreshing = this.read(host)
      .catch((e: unknown) => unknown('probe-error', e instanceof Error ? e.message : String(e)))
      .then((result) => {
        entry.last = result;
        entry.refreshing = undefined;
        return result;
      });
    entry.refreshing = refreshing;
    return refreshing;
  }
}
