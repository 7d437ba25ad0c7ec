import type { Endpoint } from '../../../src/node/isolation/allowlist';

/** One of each kind: IPv4 and IPv6 report endpoints, a DNS server (UDP+TCP), a host allowed on every TCP port. */
export const SAMPLE_ENDPOINTS: Endpoint[] = [
  { ip: '10.0.0.2', family: 4, protocol: 'tcp', port: 443, host: 'csirt.example.go.jp', source: 'reporting:https' },
  { ip: '2001:db8::2', family: 6, protocol: 'tcp', port: 6514, host: 'siem.example.go.jp', source: 'reporting:syslog-tls' },
  { ip: '10.0.0.53', family: 4, protocol: 'udp', port: 53, host: '10.0.0.53', source: 'dns' },
  { ip: '10.0.0.53', family: 4, protocol: 'tcp', port: 53, host: '10.0.0.53', source: 'dns' },
  { ip: '10.0.0.9', family: 4, protocol: 'tcp', host: 'mgmt.example.go.jp', source: 'allow' },
];
