import type { Lang } from '../../shared/localized';

/** What a command needs from its surroundings; tests pass their own. */
export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** One line of standard input that must not be echoed or passed on the command line (secret-input.ts). */
  readSecret: (prompt: string) => Promise<string>;
  lang: Lang;
}

export const EXIT = { ok: 0, findings: 1, error: 2 } as const;
