import { t } from '../../shared/i18n';
import { Lang } from '../../shared/localized';
import { EXIT, type CliIO } from './io';
import { readSecretLine } from './secret-input';
import { UsageError } from './usage-error';

/** Dispatches `mamori <command>`; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIO, stop: AbortSignal): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      // Each command is loaded when run: the long-running watcher carries no other command's code.
      case 'check':
        return await (await import('./commands/check.js')).check(rest, io);
      case 'watch':
        return await (await import('./commands/watch.js')).watch(rest, io, stop);
      case 'guidance':
        return await (await import('./commands/guidance.js')).guidance(rest, io);
      case 'collect':
        return await (await import('./commands/collect.js')).collect(rest, io);
      case 'policy':
        return await (await import('./commands/policy.js')).policy(rest, io);
      case 'usb':
        return await (await import('./commands/usb.js')).usb(rest, io);
      case 'software':
        return await (await import('./commands/software.js')).software(rest, io);
      case 'report':
        return await (await import('./commands/report.js')).report(rest, io);
      case 'isolation':
        return await (await import('./commands/isolation.js')).isolation(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(t(io.lang, 'cli.usage'));
        return command === undefined ? EXIT.error : EXIT.ok;
      default:
        throw new UsageError('cli.error.unknown-command', { command });
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(t(io.lang, e.key, e.params));
    io.err(t(io.lang, 'cli.usage'));
    return EXIT.error;
  }
}

/** The language for messages printed before options are parsed (usage errors): --lang, then MAMORI_LANG, then Japanese. */
export function requestedLang(argv: readonly string[], env: string | undefined): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = i < 0 ? env : argv[i]!.includes('=') ? argv[i]!.slice('--lang='.length) : argv[i + 1];
  return Lang.safeParse(value).data ?? 'ja';
}

/** Entry point of bin/mamori.js. */
export function main(): void {
  const lang = requestedLang(process.argv.slice(2), process.env.MAMORI_LANG);
  const io: CliIO = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`), readSecret: (prompt) => readSecretLine(prompt), lang };
  // `mamori software list | head`: a reader that stops early is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? EXIT.ok : EXIT.error));
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  runCli(process.argv.slice(2), io, stop.signal).then(
    (code) => {
      process.exitCode = code;
      // Hot-plug listeners and timers would keep a finished command alive; exit once stdout is flushed
      // (process.exit right away would cut a long output written to a pipe).
      if (process.argv[2] !== 'watch' || stop.signal.aborted) process.stdout.write('', () => process.exit(code));
    },
    (e: unknown) => {
      io.err(e instanceof Error ? (e.stack ?? e.message) : String(e));
      process.exit(EXIT.error);
    },
  );
}
