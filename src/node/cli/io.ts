import type { Lang } from '../../shared/localized';

/** What a command needs from its surroundings; tests pass their own. */
export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  lang: Lang;
}

export const EXIT = { ok: 0, findings: 1, error: 2 } as const;
