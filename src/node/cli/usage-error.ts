import type { MessageKey, Params } from '../../shared/i18n';

/** A mistake in how the command was called: printed in the user's language, exit code 2. */
export class UsageError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Params = {},
  ) {
    super(key);
  }
}
