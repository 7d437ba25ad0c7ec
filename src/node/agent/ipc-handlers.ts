import { z } from 'zod';
import type { Args, Channel, Result } from '../../shared/ipc/contract';
import { contract } from '../../shared/ipc/contract';
import { CHANNELS } from '../../shared/ipc/channels';
import { t } from '../../shared/i18n';
import { findingText } from '../../shared/present/finding-text';
import { ReportTooSoon } from './incident-reporter';
import type { AgentService } from './service';

export type Handlers = { [C in Channel]: (...args: Args<C>) => Promise<Result<C>> };

/** The mail link for a contact, built here from the policy (never a URL from the renderer). */
export function contactMailto(service: AgentService, role: Args<typeof CHANNELS.contact>[0]['role'], findingId?: string): string | null {
  const contact = service.contactOf(role);
  if (!contact) return null;
  const lang = service.language;
  const finding = findingId ? service.finding(findingId) : undefined;
  const subject = finding ? `[Mamori] ${findingText(finding, lang)}` : `[Mamori] ${t(lang, `contact.${role}`)}`;
  const body = finding ? `${finding.id}\n${finding.kind}\n${JSON.stringify(finding.subject.details, null, 1)}` : '';
  return `mailto:${encodeURIComponent(contact.email)}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

/** What each channel does; the Electron main process and the renderer tests bind the same handlers. */
export function createHandlers(service: AgentService, openExternal: (url: string) => Promise<void>): Handlers {
  return {
    [CHANNELS.getSnapshot]: async () => service.snapshot(),
    [CHANNELS.recheck]: async ({ check }) => service.userRecheck(check),
    [CHANNELS.getGuidance]: async ({ id }) => service.guidance(id),
    [CHANNELS.setLanguage]: async ({ lang }) => service.setLanguage(lang),
    [CHANNELS.contact]: async ({ role, findingId }) => {
      const url = contactMailto(service, role, findingId);
      if (url) await openExternal(url);
      return null;
    },
    [CHANNELS.report]: async (submission) => {
      try {
        return await service.report(submission);
      } catch (e) {
        throw e instanceof ReportTooSoon ? new IpcRejection('rate-limited') : e;
      }
    },
    [CHANNELS.isolationStatus]: async () => service.isolationStatus(),
    [CHANNELS.releaseIsolation]: async ({ code }) => service.releaseIsolation(code),
  };
}

/** Raised for anything a sender gets wrong; only the code crosses to the renderer. */
export class IpcRejection extends Error {}

/**
 * Validates a request against the contract, runs its handler and validates the result (stripping
 * anything the contract does not name). Unknown channels and malformed arguments are refused.
 */
export async function dispatch(handlers: Handlers, channel: string, raw: readonly unknown[]): Promise<unknown> {
  if (!Object.hasOwn(contract, channel)) throw new IpcRejection('unknown-channel');
  const spec = contract[channel as Channel];
  const args = (spec.args as z.ZodType).safeParse(raw);
  if (!args.success) throw new IpcRejection('invalid-arguments');
  const handler = handlers[channel as Channel] as (...a: unknown[]) => Promise<unknown>;
  return (spec.result as z.ZodType).parse(await handler(...(args.data as unknown[])));
}
