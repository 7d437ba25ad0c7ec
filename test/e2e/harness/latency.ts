import type { TaskMeta } from 'vitest';

/** One measured delay from an action on the host to Mamori's event about it. */
export interface Latency {
  what: string;
  ms: number;
  /** The target, printed beside the figure (speed targets are not asserted in tests). */
  target: string;
}

declare module 'vitest' {
  interface TaskMeta {
    latencies?: Latency[];
  }
}

/** Keeps a latency on the test, where latency-reporter.ts finds it at the end of the run. */
export function recordLatency(task: { meta: TaskMeta }, latency: Latency): void {
  (task.meta.latencies ??= []).push({ ...latency, ms: Math.round(latency.ms) });
}
