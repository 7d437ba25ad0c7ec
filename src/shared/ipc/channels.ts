/**
 * Channel names, with no imports at all: the sandboxed preload includes this file and nothing else
 * of ours (a sandboxed preload cannot load npm modules). Every name carries the "mamori:" prefix,
 * which main refuses to do without.
 */
export const CHANNELS = {
  getSnapshot: 'mamori:getSnapshot',
  recheck: 'mamori:recheck',
  getGuidance: 'mamori:getGuidance',
  setLanguage: 'mamori:setLanguage',
  contact: 'mamori:contact',
} as const;

export const EVENTS = {
  snapshot: 'mamori:snapshot',
} as const;
