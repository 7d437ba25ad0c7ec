import { z } from 'zod';
import { duration, t, type MessageKey } from './i18n';
import type { Lang } from './localized';

/**
 * Network isolation as staff see it (booklet 4章-5): whether this PC is cut off, whether they may
 * lift it with the release code the CSIRT gives them, and what came of a code they typed. The
 * tray's windows and `mamori isolation` say the same things with the same catalogue messages.
 * The helper's own protocol (src/node/isolation/protocol.ts) carries more; only this crosses to a window.
 */

/** "Are we isolated?"; `unavailable`: no helper runs here, it refused us, or it did not answer. */
export const IsolationView = z.union([
  z.strictObject({ helper: z.literal('available'), isolated: z.boolean(), releasableWithCode: z.boolean() }),
  z.strictObject({ helper: z.literal('unavailable') }),
]);
export type IsolationView = z.infer<typeof IsolationView>;

/** What a release code the user typed achieved. Closed, so that every answer has its message. */
export const ReleaseResult = z.union([
  z.strictObject({ result: z.literal('released') }),
  /** Wrong code; from the fifth one on, the helper also says how long to wait before the next. */
  z.strictObject({ result: z.literal('bad-code'), retryAfterSeconds: z.number().int().min(0).optional() }),
  /** Too many wrong codes: the helper does not even check a code before then. */
  z.strictObject({ result: z.literal('rate-limited'), retryAfterSeconds: z.number().int().min(0) }),
  z.strictObject({ result: z.enum(['not-isolated', 'no-release-code', 'not-authorized', 'helper-unavailable', 'failed']) }),
]);
export type ReleaseResult = z.infer<typeof ReleaseResult>;

/** The same limit as the helper's protocol: a longer "code" is refused before it reaches the helper. */
export const RELEASE_CODE_MAX = 256;
export const ReleaseCode = z.string().min(1).max(RELEASE_CODE_MAX);

export const statusKey = (view: IsolationView): MessageKey =>
  view.helper === 'unavailable' ? 'isolation.status.unavailable' : view.isolated ? 'isolation.status.isolated' : 'isolation.status.not-isolated';

export function releaseText(lang: Lang, answer: ReleaseResult): string {
  switch (answer.result) {
    case 'bad-code':
      return answer.retryAfterSeconds === undefined
        ? t(lang, 'isolation.release.bad-code')
        : t(lang, 'isolation.release.bad-code-wait', { wait: duration(lang, answer.retryAfterSeconds) });
    case 'rate-limited':
      return t(lang, 'isolation.release.rate-limited', { wait: duration(lang, answer.retryAfterSeconds) });
    default:
      return t(lang, `isolation.release.${answer.result}`);
  }
}
