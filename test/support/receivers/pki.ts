import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway PKI for loopback receivers, made with the openssl CLI at test time (nothing secret is committed):
 * a test CA with a server certificate for 127.0.0.1/localhost, and a second, untrusted "rogue" CA with its own
 * server certificate for the wrong-certificate tests. EC P-256 keys: fast to generate.
 */
export interface ServerIdentity {
  key: string;
  cert: string;
}

export interface TestPki {
  dir: string;
  /** File with the trusted test CA's certificate: what a policy's caFile points at. */
  caFile: string;
  ca: string;
  server: ServerIdentity;
  /** Certificate for 127.0.0.1 issued by another CA, unknown to the client. */
  rogue: ServerIdentity;
  /** Issued by the trusted CA but for another name: hostname verification must reject it. */
  wrongName: ServerIdentity;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function makeCa(dir: string, name: string): void {
  openssl(
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`,
      '-days', '2', '-subj', `/CN=Mamori ${name} test CA`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    dir,
  );
}

function issue(dir: string, ca: string, name: string, san: string): ServerIdentity {
  openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`], dir);
  writeFileSync(path.join(dir, `${name}.ext`), `subjectAltName=${san}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`);
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-set_serial', `0x${Date.now().toString(16)}${name.length}`, '-days', '2', '-sha256', '-extfile', `${name}.ext`, '-out', `${name}.crt`], dir);
  return { key: readFileSync(path.join(dir, `${name}.key`), 'utf8'), cert: readFileSync(path.join(dir, `${name}.crt`), 'utf8') };
}

export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function makePki(): TestPki {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-pki-'));
  makeCa(dir, 'trusted');
  makeCa(dir, 'rogue');
  const server = issue(dir, 'trusted', 'server', 'IP:127.0.0.1,DNS:localhost');
  const rogue = issue(dir, 'rogue', 'rogue-server', 'IP:127.0.0.1,DNS:localhost');
  const wrongName = issue(dir, 'trusted', 'other-host', 'DNS:other.example.invalid');
  const caFile = path.join(dir, 'trusted.crt');
  return { dir, caFile, ca: readFileSync(caFile, 'utf8'), server, rogue, wrongName };
}
