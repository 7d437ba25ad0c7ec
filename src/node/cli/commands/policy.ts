import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { Policy } from '../../../shared/policy/schema';
import { problemLine } from '../../../shared/policy/parse';
import { t } from '../../../shared/i18n';
import { readPolicyFile, signatureFileOf } from '../../policy/loader';
import { generatePolicyKeys, parsePublicKey, signPolicy } from '../../policy/signature';
import { loadTrustedKeys } from '../../policy/trusted-keys';
import { machinePolicyLocations } from '../../policy/locations';
import { shippedTrustedKeysDir } from '../../resources/paths';
import { LiveHost } from '../../host/live-host';
import { EXIT, type CliIO } from '../io';
import { LANG_OPTION, langOf, parse } from '../options';
import { UsageError } from '../usage-error';

/** The JSON Schema editors use, generated from the zod schema (the single source of truth). */
export const policyJsonSchema = () =>
  ({
    ...z.toJSONSchema(Policy, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://mamori.invalid/policy.schema.json',
    title: 'Mamori organisation policy',
  }) as const;

const required = (value: string | undefined, name: string): string => {
  if (value === undefined) throw new UsageError('cli.error.bad-option', { option: name });
  return value;
};

/** mamori policy validate FILE | schema | keygen [--out DIR] | sign POLICY --key KEY [--expires TIME] | verify POLICY [--key PUB…] */
export async function policy(args: readonly string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'schema':
      parse(rest, {});
      io.out(JSON.stringify(policyJsonSchema(), null, 2));
      return EXIT.ok;

    case 'validate': {
      const { values, positionals } = parse(rest, { ...LANG_OPTION }, 1);
      const lang = langOf(values.lang, io.lang);
      const file = required(positionals[0], 'FILE');
      const read = await readPolicyFile(file, { requireProtected: false });
      if (read.ok) {
        io.out(t(lang, 'cli.policy.valid', { file }));
        return EXIT.ok;
      }
      for (const p of read.problems) io.err(problemLine(p, lang));
      return EXIT.error;
    }

    case 'keygen': {
      const { values } = parse(rest, { out: { type: 'string' }, ...LANG_OPTION });
      const lang = langOf(values.lang, io.lang);
      const dir = values.out ?? '.';
      const keys = generatePolicyKeys();
      const privateFile = path.join(dir, `mamori-policy-${keys.keyId}.key`);
      const publicFile = path.join(dir, `mamori-policy-${keys.keyId}.pub`);
      // The private key never overwrites an existing file and is readable by its owner only.
      await writeFile(privateFile, keys.privatePem, { mode: 0o600, flag: 'wx' });
      await writeFile(publicFile, keys.publicPem, { mode: 0o644, flag: 'wx' });
      io.out(t(lang, 'cli.policy.keygen', { privateFile, publicFile, keyId: keys.keyId }));
      return EXIT.ok;
    }

    case 'sign': {
      const { values, positionals } = parse(rest, { key: { type: 'string' }, expires: { type: 'string' }, ...LANG_OPTION }, 1);
      const lang = langOf(values.lang, io.lang);
      const file = required(positionals[0], 'POLICY');
      const expires = values.expires === undefined ? undefined : new Date(values.expires);
      if (expires && Number.isNaN(expires.getTime())) throw new UsageError('cli.error.bad-option', { option: `--expires ${values.expires}` });
      // Only a valid policy gets signed: a signature vouches for content an agent will accept.
      const read = await readPolicyFile(file, { requireProtected: false });
      if (!read.ok) {
        for (const p of read.problems) io.err(problemLine(p, lang));
        return EXIT.error;
      }
      const signature = signPolicy(read.bytes, await readFile(required(values.key, '--key'), 'utf8'), new Date(), expires);
      await writeFile(signatureFileOf(file), `${JSON.stringify(signature, null, 2)}\n`);
      io.out(t(lang, 'cli.policy.signed', { file: signatureFileOf(file), keyId: signature.keyId, revision: read.policy.revision }));
      return EXIT.ok;
    }

    case 'verify': {
      const { values, positionals } = parse(rest, { key: { type: 'string', multiple: true }, ...LANG_OPTION }, 1);
      const lang = langOf(values.lang, io.lang);
      const file = required(positionals[0], 'POLICY');
      const installed = machinePolicyLocations(new LiveHost().info.platform).trustedKeysDir;
      const keys = values.key
        ? await Promise.all(values.key.map(async (k) => parsePublicKey(await readFile(k, 'utf8'))))
        : (await loadTrustedKeys([shippedTrustedKeysDir(), installed])).keys;
      if (keys.length === 0) {
        io.err(t(lang, 'cli.policy.no-trusted-keys', { dir: installed }));
        return EXIT.error;
      }
      const read = await readPolicyFile(file, { requireProtected: false, trust: { keys, now: new Date() } });
      if (!read.ok) {
        for (const p of read.problems) io.err(problemLine(p, lang));
        return EXIT.error;
      }
      io.out(t(lang, 'cli.policy.verified', { file, revision: read.policy.revision }));
      return EXIT.ok;
    }

    default:
      throw new UsageError('cli.error.unknown-command', { command: `policy ${sub ?? ''}`.trim() });
  }
}
