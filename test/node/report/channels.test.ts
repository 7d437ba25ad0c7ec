import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../../src/node/report/channel';
import { httpsChannel } from '../../../src/node/report/channels/https';
import { smtpChannel } from '../../../src/node/report/channels/smtp';
import { syslogTlsChannel } from '../../../src/node/report/channels/syslog-tls';
import { toOcsf } from '../../../src/node/report/ocsf';
import { octetFrame, syslogMessage } from '../../../src/node/report/syslog-format';
import { DeliveryFailure } from '../../../src/node/report/types';
import type { Report } from '../../../src/shared/report';
import { MAIL_FROM, MAIL_TO, closedLoopbackPort } from '../../support/receivers';
import { useReceivers } from '../../support/receivers/use-receivers';
import { headerText, leaves, parseMime } from '../../support/receivers/mime';
import { makeReport } from '../../support/receivers/report-fixture';
import { startSmtpReceiver } from '../../support/receivers/smtp-receiver';

/** Each channel against a real receiver on 127.0.0.1: what arrives, byte for byte, and how each fault reads. */

let closedPort: number;
const NOTE = '不審な添付ファイルを開いてしまいました';

const live = useReceivers();
beforeAll(async () => {
  closedPort = await closedLoopbackPort();
});
afterEach(() => {
  live.rx.https.mode = 'ok';
  live.rx.https.useIdentity(live.pki.server);
  live.rx.syslog.mode = 'ok';
  live.rx.syslog.useIdentity(live.pki.server);
  live.rx.smtp.refuse.clear();
});

const payload = (report: Report) => ({ report, json: JSON.stringify(report) });
const never = new AbortController().signal;

async function failure(channel: Channel, signal = never): Promise<DeliveryFailure> {
  const e: unknown = await channel.send(payload(makeReport()), signal).then(
    () => new Error('delivered, expected a failure'),
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DeliveryFailure);
  return e as DeliveryFailure;
}

const https = (over: { url?: string; caFile?: string } = {}, timeoutMs = 1_000) =>
  httpsChannel({ url: over.url ?? live.rx.https.url, ...('caFile' in over ? over.caFile !== undefined && { caFile: over.caFile } : { caFile: live.pki.caFile }) }, { timeoutMs });
const syslog = (port = live.rx.syslog.port, timeoutMs = 1_000) => syslogTlsChannel({ host: '127.0.0.1', port, caFile: live.pki.caFile }, { timeoutMs });
const smtp = (port = live.rx.smtp.port, timeoutMs = 2_000) => smtpChannel({ host: '127.0.0.1', port, from: MAIL_FROM, to: MAIL_TO, caFile: live.pki.caFile }, { timeoutMs });

describe('HTTPS channel', () => {
  it('POSTs the OCSF finding as UTF-8 JSON with the report id as idempotency key', async () => {
    const report = makeReport();
    await https().send(payload(report), never);
    const arrival = live.rx.https.arrivals.at(-1)!;
    expect(arrival.method).toBe('POST');
    expect(arrival.url).toBe('/reports');
    expect(arrival.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(arrival.headers['idempotency-key']).toBe(report.id);
    expect(arrival.body.equals(Buffer.from(JSON.stringify(toOcsf(report)), 'utf8'))).toBe(true);
    expect(arrival.body.includes(Buffer.from(NOTE, 'utf8'))).toBe(true);
    const body = JSON.parse(arrival.body.toString('utf8')) as ReturnType<typeof toOcsf>;
    expect(body.class_uid).toBe(2005);
    expect(body.unmapped.mamori).toEqual(report);
  });

  it.each([
    ['HTTP 500', (): void => void (live.rx.https.mode = 'error'), 'http-status', 500],
    ['a redirect (not followed)', (): void => void (live.rx.https.mode = 'redirect'), 'http-status', 307],
    ['a receiver that never answers', (): void => void (live.rx.https.mode = 'hang'), 'timeout', undefined],
    ['a certificate from another CA', (): void => live.rx.https.useIdentity(live.pki.rogue), 'tls-untrusted-certificate', undefined],
    ['a certificate for another host', (): void => live.rx.https.useIdentity(live.pki.wrongName), 'tls-hostname-mismatch', undefined],
  ] as const)('fails on %s', async (_name, arrange, code, status) => {
    arrange();
    const before = live.rx.https.arrivals.length;
    const f = await failure(https({}, 500));
    expect([f.code, f.status]).toEqual([code, status]);
    expect(live.rx.https.arrivals.length).toBe(before);
  });

  it('fails when the receiver is down, the CA file is missing, or the test CA is not trusted', async () => {
    expect((await failure(https({ url: `https://127.0.0.1:${closedPort}/reports` }))).code).toBe('connection-refused');
    expect((await failure(https({ caFile: path.join(live.pki.dir, 'missing.crt') }))).code).toBe('ca-file-unreadable');
    expect((await failure(https({ caFile: undefined }))).code).toBe('tls-untrusted-certificate');
  });

  it('stops at once when aborted', async () => {
    live.rx.https.mode = 'hang';
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);
    const t0 = Date.now();
    expect((await failure(https({}, 10_000), abort.signal)).code).toBe('aborted');
    expect(Date.now() - t0).toBeLessThan(2_000);
  });
});

describe('syslog over TLS channel', () => {
  it('sends one RFC 5425 frame whose MSG-LEN is the UTF-8 byte length of the RFC 5424 message', async () => {
    const report = makeReport();
    const json = JSON.stringify(report);
    const before = live.rx.syslog.frames.length;
    await syslog().send({ report, json }, never);
    expect(live.rx.syslog.frames.length).toBe(before + 1);
    const frame = live.rx.syslog.frames.at(-1)!;
    expect(frame.raw.equals(octetFrame(syslogMessage(report, json, process.pid)))).toBe(true);
    const text = frame.message.toString('utf8');
    expect(frame.declaredLength).toBe(Buffer.byteLength(text, 'utf8'));
    expect(frame.declaredLength).toBeGreaterThan(text.length); // Japanese: octets ≠ characters
    expect(text.startsWith(`<162>1 2026-11-26T01:23:45.678Z KAKU-PC-014 mamori ${process.pid} infection [mamori@32473 id="${report.id}" kind="infection"`)).toBe(true);
    const bom = frame.message.indexOf(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(JSON.parse(frame.message.subarray(bom + 3).toString('utf8'))).toEqual(report);
    expect(text).toContain(NOTE);
    expect(live.rx.syslog.garbage).toBe(0);
  });

  it('fails when the receiver is down, presents a foreign certificate, or never closes', async () => {
    expect((await failure(syslog(closedPort))).code).toBe('connection-refused');
    live.rx.syslog.useIdentity(live.pki.rogue);
    expect((await failure(syslog())).code).toBe('tls-untrusted-certificate');
    live.rx.syslog.useIdentity(live.pki.server);
    live.rx.syslog.mode = 'hold';
    expect((await failure(syslog(live.rx.syslog.port, 300))).code).toBe('timeout');
  });
});

describe('SMTP channel', () => {
  it('mails over STARTTLS: UTF-8 subject, the key facts, the exact report JSON attached, Message-ID from the id', async () => {
    const report = makeReport();
    const json = JSON.stringify(report);
    await smtp().send({ report, json }, never);
    const mail = live.rx.smtp.mails.at(-1)!;
    expect(mail.secure).toBe(true);
    expect([mail.from, mail.to]).toEqual([MAIL_FROM, MAIL_TO]);
    const parsed = parseMime(mail.raw);
    expect(headerText(parsed, 'subject')).toBe('[機密性2情報] Mamori infection KAKU-PC-014');
    expect(parsed.headers.get('message-id')).toBe(`<${report.id}@mamori.invalid>`);
    const [text, attachment] = leaves(parsed);
    expect(text!.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const body = text!.body.toString('utf8');
    expect(body.split('\n')[0]).toBe('機密性2情報 / 取扱制限：関係者限り');
    expect(body).toContain(`report-id: ${report.id}`);
    expect(body).toContain('host: KAKU-PC-014');
    expect(body).toContain(NOTE);
    expect(attachment!.headers.get('content-type')).toMatch(/^application\/json; charset=utf-8;/);
    expect(attachment!.headers.get('content-disposition')).toContain(`filename=mamori-report-${report.id}.json`);
    expect(attachment!.body.equals(Buffer.from(json, 'utf8'))).toBe(true);
    expect(JSON.parse(attachment!.body.toString('utf8'))).toEqual(report);
  });

  it('never sends in clear: a server without STARTTLS is a failure and gets nothing', async () => {
    const plain = await startSmtpReceiver(live.pki.server, { starttls: false });
    try {
      expect((await failure(smtp(plain.port))).code).toBe('smtp-starttls-unavailable');
      expect(plain.mails).toEqual([]);
    } finally {
      await plain.close();
    }
  });

  it('fails when the receiver is down, presents a foreign certificate, or refuses a recipient', async () => {
    expect((await failure(smtp(closedPort))).code).toBe('connection-refused');
    const rogue = await startSmtpReceiver(live.pki.rogue);
    try {
      expect((await failure(smtp(rogue.port))).code).toBe('tls-untrusted-certificate');
      expect(rogue.mails).toEqual([]);
    } finally {
      await rogue.close();
    }
    live.rx.smtp.refuse.add(MAIL_TO[1]!);
    expect(await failure(smtp())).toMatchObject({ code: 'smtp-recipient-rejected' });
    live.rx.smtp.refuse.add(MAIL_TO[0]!);
    expect(await failure(smtp())).toMatchObject({ code: 'smtp-recipient-rejected', status: 550 });
  });
});
