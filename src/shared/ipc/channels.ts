/**
 * Channel names, with no imports at all. A sandboxed preload can load neither npm modules nor our
 * own files, so src/main/preload restates these names and checks them against this object with
 * `satisfies` (the compiler rejects any drift). Every name carries the "mamori:" prefix.
 */
export const CHANNELS = {
  getSnapshot: 'mamori:getSnapshot',
  recheck: 'mamori:recheck',
  getGuidance: 'mamori:getGuidance',
  setLanguage: 'mamori:setLanguage',
  contact: 'mamori:contact',
  report: 'mamori:report',
  isolationStatus: 'mamori:isolationStatus',
  releaseIsolation: 'mamori:releaseIsolation',
} as const;

export const EVENTS = {
  snapshot: 'mamori:snapshot',
  reportStatus: 'mamori:reportStatus',
} as const;
