import type { WifiSecurity, WifiFacts } from '../../shared/facts';
import type { CheckOutcome, DraftFinding, RuleContext } from '../outcome';
import { unknownFact } from '../outcome';

const GUIDANCE = ['2章-1', '4章-7'] as const;

const GENERATION: Record<WifiSecurity, number> = {
  open: 0,
  owe: 1,
  wep: 1,
  'wpa-personal': 2,
  'wpa-enterprise': 2,
  'wpa2-personal': 3,
  'wpa2-enterprise': 3,
  'wpa3-personal': 4,
  'wpa3-enterprise': 4,
};
const enterprise = (s: WifiSecurity) => s.endsWith('-enterprise');

/** A network meets a minimum when its generation is at least as new, and it is enterprise where the minimum is. */
export function meetsMinimum(actual: WifiSecurity, minimum: WifiSecurity): boolean {
  return GENERATION[actual] >= GENERATION[minimum] && (!enterprise(minimum) || enterprise(actual));
}

/** Only approved SSIDs (and access points, where listed), never open networks, and at least the minimum security. */
export function wifiRule(facts: WifiFacts, { policy }: RuleContext): CheckOutcome {
  const out: CheckOutcome = { findings: [], unknowns: [] };
  if (facts.connections.state === 'unknown') {
    out.unknowns.push(unknownFact('wifi.connections', facts.connections));
    return out;
  }
  const wifi = policy.wifi;
  const report = wifi.onUnapproved === 'warn-and-report';
  for (const conn of facts.connections.value) {
    const ssid = conn.ssid.state === 'known' ? conn.ssid.value : null;
    const security = conn.security.state === 'known' ? conn.security.value : null;
    const finding = (kind: DraftFinding['kind'], ruleId: string, details: DraftFinding['subject']['details'] = {}): DraftFinding => ({
      kind,
      severity: 'violation',
      subject: {
        type: 'wifi-network',
        key: ssid ?? `?${conn.bssid ?? conn.interface ?? ''}`,
        label: ssid ?? '?',
        details: { ssid, bssid: conn.bssid, security, interface: conn.interface, ...details },
      },
      rule: { id: ruleId },
      report,
      guidance: [...GUIDANCE],
    });

    // An open network is judged even when the OS withholds its name.
    if (security === 'open' && wifi.forbidOpenNetworks) {
      out.findings.push(finding('wifi-open-network', 'wifi.forbidOpenNetworks'));
      continue;
    }
    if (conn.ssid.state === 'unknown') {
      out.unknowns.push(unknownFact('wifi.ssid', conn.ssid));
      continue;
    }
    const entries = wifi.approved.filter((a) => a.ssid === ssid);
    if (entries.length === 0) {
      out.findings.push(finding('wifi-unapproved-network', 'wifi.approved'));
      continue;
    }
    const withBssid = entries.filter((e) => e.bssids === undefined || (conn.bssid !== null && e.bssids.includes(conn.bssid.toLowerCase())));
    if (withBssid.length === 0) {
      if (conn.bssid === null) out.unknowns.push({ state: 'unknown', reason: 'not-supported', detail: 'BSSID', fact: 'wifi.bssid' });
      else out.findings.push(finding('wifi-unknown-access-point', 'wifi.approved.bssids'));
      continue;
    }
    if (conn.security.state === 'unknown') {
      out.unknowns.push(unknownFact('wifi.security', conn.security));
      continue;
    }
    const minimum = withBssid.map((e) => e.minimumSecurity ?? wifi.minimumSecurity);
    // Several entries for one SSID: the most lenient applicable minimum is the administrator's intent.
    if (!minimum.some((m) => meetsMinimum(security!, m))) {
      out.findings.push(finding('wifi-weak-security', 'wifi.minimumSecurity', { required: minimum[0]! }));
    }
  }
  return out;
}
