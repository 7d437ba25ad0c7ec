import type Mail from 'nodemailer/lib/mailer';
import type { Report } from '../../shared/report';

/**
 * The report as an e-mail for the CSIRT's mailbox. Pure. The text is a list of "field: value" lines (field
 * names are fixed identifiers, values come from the report), not prose: staff never see this mail, and the
 * complete report travels as the JSON attachment.
 */

/** The mail domain of Message-IDs: ".invalid" (RFC 2606) since it names no host; the id alone is unique. */
export const MESSAGE_ID_DOMAIN = 'mamori.invalid';

export const messageId = (id: string): string => `<${id}@${MESSAGE_ID_DOMAIN}>`;

/** Header text must be one line: control characters (a crafted hostname) become spaces. */
const oneLine = (s: string): string => s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();

export interface MailAddresses {
  from: string;
  to: string[];
}

export function composeMail(report: Report, json: string, addresses: MailAddresses): Mail.Options {
  const r = report.reporter;
  const lines = [
    // First line = the document's classification, as booklet 1章-1 asks of every document.
    `${report.classification.label.ja} / ${report.classification.handling.ja}`,
    '',
    `report-id: ${report.id}`,
    `kind: ${report.kind}`,
    `created: ${report.createdAt}`,
    `organization: ${report.organization.ja}`,
    `host: ${r.hostname}`,
    `user: ${r.user}`,
    `os: ${r.os}`,
    `mamori-version: ${r.mamoriVersion}`,
    `policy-revision: ${report.policyRevision}`,
    `isolation-requested: ${report.isolationRequested}`,
    `findings: ${report.findings.length}`,
    `note: ${report.note.length === 0 ? '-' : ''}`,
    ...(report.note.length > 0 ? report.note.split(/\r?\n/).map((l) => `  ${l}`) : []),
    '',
    `attachment: mamori-report-${report.id}.json`,
  ];
  return {
    from: addresses.from,
    to: addresses.to,
    subject: oneLine(`[${report.classification.label.ja}] Mamori ${report.kind} ${r.hostname}`),
    // Derived from the report id: a retry (at-least-once) carries the same Message-ID, so mail systems and
    // people can tell a duplicate from a second report.
    messageId: messageId(report.id),
    date: new Date(report.createdAt),
    headers: { 'X-Mamori-Report-Id': report.id, 'X-Mamori-Report-Kind': report.kind },
    text: lines.join('\n'),
    textEncoding: 'base64',
    attachments: [
      {
        filename: `mamori-report-${report.id}.json`,
        content: Buffer.from(json, 'utf8'),
        contentType: 'application/json; charset=utf-8',
        contentTransferEncoding: 'base64',
      },
    ],
  };
}
