import type { ReportKind } from '../../shared/report';

/**
 * What the delivery pipeline tells its callers. Codes and states only, never sentences: the CLI and the tray
 * turn them into Japanese/English text through the message catalogue (src/shared/i18n).
 */

export type ChannelType = 'https' | 'syslog-tls' | 'smtp';

/** Per report × channel. `failed-will-retry` is never final: the report stays queued on disk until delivered. */
export type DeliveryState = 'queued' | 'sending' | 'delivered' | 'failed-will-retry';

/** Why one attempt failed. Closed list, so that every code gets a catalogue entry. */
export type DeliveryErrorCode =
  | 'connection-refused'
  | 'host-not-found'
  | 'network-unreachable'
  | 'connection-reset'
  | 'timeout'
  | 'tls-untrusted-certificate'
  | 'tls-hostname-mismatch'
  | 'tls-certificate-expired'
  | 'tls-failed'
  | 'ca-file-unreadable'
  | 'http-status'
  | 'smtp-starttls-unavailable'
  | 'smtp-auth-required'
  | 'smtp-rejected'
  | 'smtp-recipient-rejected'
  | 'protocol-error'
  | 'report-unreadable'
  | 'aborted'
  | 'unknown';

export interface ChannelStatus {
  /** Stable key of the channel (type + hash of its endpoint); no URL, so no token in a URL ever reaches a log. */
  channel: string;
  type: ChannelType;
  /** host[:port] only, for display. */
  target: string;
  state: DeliveryState;
  /** Attempts since this process started (a restart retries at once). */
  attempts: number;
  lastError?: DeliveryErrorCode;
  /** HTTP status (http-status) or SMTP reply code (smtp-*) of the last failure. */
  lastErrorStatus?: number;
  /** When the next attempt is due (failed-will-retry). */
  nextAttemptAt?: string;
  deliveredAt?: string;
}

export interface ReportStatus {
  id: string;
  kind: ReportKind;
  createdAt: string;
  /** Always true: a report has a status only once it is on disk. */
  persisted: true;
  /** Every configured channel has accepted it (false while no channel is configured). */
  delivered: boolean;
  channels: ChannelStatus[];
}

/** Errors of submit()/enqueue: the caller keeps the report in memory and tells the user. */
export type ReportingErrorCode = 'disk-full' | 'persist-failed' | 'report-invalid' | 'report-id-conflict' | 'stopped';

export class ReportingError extends Error {
  constructor(
    readonly code: ReportingErrorCode,
    /** errno code (EACCES, EROFS…) for administrators; never file contents. */
    readonly detail?: string,
  ) {
    super(detail === undefined ? code : `${code} (${detail})`);
    this.name = 'ReportingError';
  }
}

/** One failed delivery attempt, as thrown by a channel. */
export class DeliveryFailure extends Error {
  constructor(
    readonly code: DeliveryErrorCode,
    readonly status?: number,
  ) {
    super(status === undefined ? code : `${code} ${status}`);
    this.name = 'DeliveryFailure';
  }
}
