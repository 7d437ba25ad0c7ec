import v8 from 'node:v8';

/**
 * `mamori watch` is a daemon that sleeps between short checks, so V8 runs it on the interpreter alone
 * and compiles a function only when it is first called. The JIT compilers' machine code and data would
 * stay resident all day: about 7 MB of the watcher's RSS (npm run bench, issue #2). The price is speed
 * on big inputs: 20,000 packages against 5,000 software rules take about 200 ms instead of 20–40 ms,
 * once per software interval (15 minutes by default); the bench prints both. These flags only steer
 * compilation, so they can be set at run time (changing GC flags at run time crashes V8). Passing them
 * on node's command line instead would need node to re-execute itself (a second start-up) for about
 * 0.5 MB more, so it is not done. The tray app, `mamori check` and the rest keep the JIT.
 */
export const LEAN_V8_FLAGS = ['--no-turbofan', '--no-maglev', '--no-sparkplug', '--max-lazy'] as const;

/** Must run before the code it is meant for runs often enough to be compiled: first thing in bin/mamori.js. */
export function useLeanV8(): void {
  for (const flag of LEAN_V8_FLAGS) v8.setFlagsFromString(flag);
}
