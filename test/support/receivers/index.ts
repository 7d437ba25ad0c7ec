import net from 'node:net';
import { startHttpsReceiver, type HttpsReceiver } from './https-receiver';
import type { TestPki } from './pki';
import { startSmtpReceiver, type SmtpReceiver } from './smtp-receiver';
import { startSyslogReceiver, type SyslogReceiver } from './syslog-receiver';

export interface Receivers {
  https: HttpsReceiver;
  syslog: SyslogReceiver;
  smtp: SmtpReceiver;
  /** The policy's reporting.channels pointing at all three, trusting the test CA. */
  channels: [
    { type: 'https'; url: string; caFile: string },
    { type: 'syslog-tls'; host: string; port: number; caFile: string },
    { type: 'smtp'; host: string; port: number; from: string; to: string[]; caFile: string },
  ];
  close(): Promise<void>;
}

export const MAIL_FROM = 'mamori@agency.example.jp';
export const MAIL_TO = ['csirt@agency.example.jp', 'security-officer@agency.example.jp'];

export async function startReceivers(pki: TestPki): Promise<Receivers> {
  const https = await startHttpsReceiver(pki.server);
  const syslog = await startSyslogReceiver(pki.server);
  const smtp = await startSmtpReceiver(pki.server);
  return {
    https,
    syslog,
    smtp,
    channels: [
      { type: 'https', url: https.url, caFile: pki.caFile },
      { type: 'syslog-tls', host: syslog.host, port: syslog.port, caFile: pki.caFile },
      { type: 'smtp', host: smtp.host, port: smtp.port, from: MAIL_FROM, to: MAIL_TO, caFile: pki.caFile },
    ],
    close: async () => {
      await Promise.all([https.close(), syslog.close(), smtp.close()]);
    },
  };
}

/** The report ids a receiver got, in arrival order (with repeats: at-least-once). */
export function arrivedIds(receivers: Receivers): { https: string[]; syslog: string[]; smtp: string[] } {
  return {
    https: receivers.https.arrivals.map((a) => (JSON.parse(a.body.toString('utf8')) as { finding_info_list: { uid: string }[] }).finding_info_list[0]!.uid),
    syslog: receivers.syslog.frames.map((f) => /\[mamori@32473 id="([^"]+)"/.exec(f.message.toString('utf8'))?.[1] ?? '?'),
    smtp: receivers.smtp.mails.map((m) => /^Message-ID:\s*<([^@>]+)@/im.exec(m.raw.toString('latin1'))?.[1] ?? '?'),
  };
}

/** A loopback port nobody listens on (bound, noted, closed): "receiver down" without guessing a number. */
export async function closedLoopbackPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
