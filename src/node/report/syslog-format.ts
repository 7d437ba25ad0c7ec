import type { Report, ReportKind } from '../../shared/report';

/**
 * RFC 5424 message and RFC 5425 octet-counted frame for one report. Pure; the transport is channels/syslog-tls.ts.
 *
 *   <PRI>1 TIMESTAMP HOSTNAME mamori PROCID MSGID [mamori@32473 id="…" …] BOM{report JSON}
 *
 * 32473 is the IANA "example" enterprise number (RFC 5612): replace with Mamori's own PEN once registered,
 * in this constant and in docs/reporting.md.
 */
export const SD_ID = 'mamori@32473';
export const APP_NAME = 'mamori';
/** local4: the facility the receiving syslog routes to the CSIRT's file or SIEM. */
export const FACILITY = 20;
/** RFC 5424 severities: 2 critical, 3 error, 4 warning, 5 notice (matches the OCSF severity order). */
export const SYSLOG_SEVERITY: Record<ReportKind, number> = { infection: 2, 'lost-device': 3, 'suspicious-mail': 4, other: 5 };

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** RFC 5424 §6.3.3: inside a PARAM-VALUE, '"', '\' and ']' are escaped with a backslash. */
export const escapeParamValue = (value: string): string => value.replace(/["\\\]]/g, (c) => `\\${c}`);

/** Header fields are PRINTUSASCII (33–126) with a length limit; anything else becomes the NILVALUE "-". */
function headerField(value: string, max: number): string {
  return value.length > 0 && value.length <= max && /^[\x21-\x7e]+$/.test(value) ? value : '-';
}

/** RFC 5424 TIMESTAMP: RFC 3339 with at most 6 fractional digits. Reports carry UTC times ("Z"). */
export function syslogTimestamp(iso: string): string {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(iso);
  if (!m) return '-';
  return `${m[1]}${m[2] === undefined ? '' : `.${m[2].slice(0, 6)}`}${m[3]}`;
}

/** The SYSLOG-MSG bytes (without the frame's length prefix). */
export function syslogMessage(report: Report, json: string, procId: number | string): Buffer {
  const pri = FACILITY * 8 + SYSLOG_SEVERITY[report.kind];
  const params: [string, string][] = [
    ['id', report.id],
    ['kind', report.kind],
    ['created', report.createdAt],
    ['host', report.reporter.hostname],
    ['user', report.reporter.user],
    ['classification', report.classification.label.ja],
    ['isolationRequested', String(report.isolationRequested)],
    ['policyRevision', String(report.policyRevision)],
    ['mamoriVersion', report.reporter.mamoriVersion],
  ];
  const sd = `[${SD_ID} ${params.map(([k, v]) => `${k}="${escapeParamValue(v)}"`).join(' ')}]`;
  const header = [
    `<${pri}>1`,
    syslogTimestamp(report.createdAt),
    // The real hostname, whatever its characters, is in the SD "host" parameter and the JSON.
    headerField(report.reporter.hostname, 255),
    APP_NAME,
    headerField(String(procId), 128),
    headerField(report.kind, 32),
    sd,
  ].join(' ');
  // MSG: BOM then UTF-8, which tells the receiver the message is Unicode (RFC 5424 §6.4).
  return Buffer.concat([Buffer.from(`${header} `, 'utf8'), BOM, Buffer.from(json, 'utf8')]);
}

/** RFC 5425 §4.3: MSG-LEN SP SYSLOG-MSG, where MSG-LEN counts octets (not characters). */
export function octetFrame(message: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${message.length} `, 'ascii'), message]);
}
