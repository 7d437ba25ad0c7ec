#!/usr/bin/env node
// `npm run test:security`: runs electronegativity over the Electron main process (src/main) and the
// built renderer (out/renderer, when built) and fails on any HIGH or MEDIUM finding. The tool itself
// exits 0 whatever it finds, so this script is the gate.
//
//   node scripts/electronegativity-gate.mjs [--input DIR]... [--report-dir DIR]
//
// The inputs are scanned together, as one app: electronegativity's global checks (navigation limits,
// permission handler, CSP) look for a protection anywhere in the scan, and the renderer's alone would
// miss main's. Reports (SARIF from electronegativity, CSV with severities from us) go to
// test-results/electronegativity/.
//
// Why the runner's API rather than its command line: its CSV writer starts the header write and the
// findings write at the same time, and the header write truncates the file (findings can be lost:
// a gate must not pass on a half-written report), while its SARIF has no severities. The runner's
// result is the same data, complete, with severities; the reports are still written for people and
// for code-scanning uploads.
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The Electron we ship (package.json pins it), so version-dependent checks judge the right one. */
const ELECTRON_VERSION = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies.electron;
/** Fetches Electron's release list from the network: no answer offline, and not a property of our code. */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const FAILING_SEVERITIES = new Set(['HIGH', 'MEDIUM']);
/** csp-evaluator severities (lower is worse) that fail the served CSP: HIGH 10, SYNTAX 20, MEDIUM 30. */
const CSP_FAILING_BELOW = 40;

function parseArgs(argv) {
  const inputs = [];
  let reportDir = path.join(root, 'test-results', 'electronegativity');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--input' && argv[i + 1]) inputs.push(path.resolve(argv[++i]));
    else if (argv[i] === '--report-dir' && argv[i + 1]) reportDir = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]} (usage: [--input DIR]... [--report-dir DIR])`);
  }
  if (inputs.length === 0) {
    inputs.push(path.join(root, 'src', 'main'));
    const renderer = path.join(root, 'out', 'renderer');
    if (existsSync(renderer)) inputs.push(renderer);
    else console.log('electronegativity gate: out/renderer is not built; scanning src/main only');
  }
  return { inputs, reportDir };
}

/**
 * electronegativity's message set-up downloads translations on every run (about 6 s of retries
 * offline, and remote text in a security report). This stand-in does the same set-up from the
 * English file it ships, before the runner is loaded.
 */
function useBundledTranslations() {
  const runnerPath = require.resolve('@doyensec/electronegativity/dist/runner.js');
  const i18nModule = path.join(path.dirname(runnerPath), 'locales', 'i18n.js');
  const i18n = createRequire(runnerPath)('i18n');
  const offline = async () => {
    i18n.configure({ locales: ['en-US'], defaultLocale: 'en-US', directory: path.dirname(i18nModule), updateFiles: false, objectNotation: true, retryInDefaultLocale: true, register: globalThis });
    i18n.setLocale('en-US');
  };
  require.cache[i18nModule] = { id: i18nModule, filename: i18nModule, loaded: true, exports: offline };
  return require(runnerPath);
}

/**
 * electronegativity reports "no CSP" (MEDIUM) for any code that does not set one through
 * onHeadersReceived or a <meta> tag. Mamori sends its CSP as a header on every app:// response
 * (src/main/protocol/app-protocol.ts), which the tool cannot see. That finding is accepted only if
 * the CSP actually served passes the same csp-evaluator with nothing HIGH, SYNTAX or MEDIUM.
 */
function servedCspProblems() {
  const compiled = path.join(root, 'out', 'src', 'shared', 'csp.js');
  if (!existsSync(compiled)) return [`${path.relative(root, compiled)} is missing: run npm run build first`];
  const { CONTENT_SECURITY_POLICY } = require(compiled);
  const csp = require('@doyensec/csp-evaluator');
  const findings = new csp.CspEvaluator(new csp.CspParser(CONTENT_SECURITY_POLICY).csp, csp.Version.CSP3).evaluate();
  return findings.filter((f) => f.severity < CSP_FAILING_BELOW).map((f) => `served CSP, ${f.directive}: ${f.description}`);
}

const isNoCspFinding = (issue) => issue.id === 'CSP_GLOBAL_CHECK' && issue.file === 'N/A';

const csvCell = (value) => `"${String(value ?? '').replace(/"/g, '""')}"`;

function writeCsv(file, issues) {
  const header = 'check,severity,confidence,file,line,column,description';
  const rows = issues.map((i) =>
    [i.id, i.severity.name, i.confidence.name, i.file, i.location.line, i.location.column, i.description].map(csvCell).join(','),
  );
  writeFileSync(file, [header, ...rows].join('\n') + '\n');
}

/** Copies the inputs side by side into one folder (named after their paths) for a single scan. */
function stage(inputs, reportDir) {
  const app = path.join(reportDir, 'scanned');
  rmSync(app, { recursive: true, force: true });
  for (const input of inputs) {
    const name = path.relative(root, input).replace(/[\\/:]/g, '_').replace(/^[._]+/, '') || 'input';
    cpSync(input, path.join(app, name), { recursive: true });
  }
  return app;
}

async function main() {
  const { inputs, reportDir } = parseArgs(process.argv.slice(2));
  mkdirSync(reportDir, { recursive: true });
  const run = useBundledTranslations();
  const result = await run(
    {
      input: stage(inputs, reportDir),
      output: path.join(reportDir, 'electronegativity.sarif'),
      isSarif: true,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS.map((c) => c.toLowerCase()),
      electronVersionOverride: ELECTRON_VERSION,
      isRelative: true,
      parserPlugins: [],
    },
    false,
  );
  writeCsv(path.join(reportDir, 'electronegativity.csv'), result.issues);

  const failures = [];
  // A file the tool could not parse was not checked at all.
  for (const error of result.errors.filter((e) => !e.tolerable)) failures.push(`could not scan ${error.file}: ${error.message}`);
  for (const issue of result.issues.filter((i) => FAILING_SEVERITIES.has(i.severity.name))) {
    if (isNoCspFinding(issue)) failures.push(...servedCspProblems());
    else failures.push(`${issue.severity.name} ${issue.id} ${issue.file}:${issue.location.line}:${issue.location.column}\n    ${issue.description}\n    ${issue.sample ?? ''}`);
  }
  const bySeverity = new Map();
  for (const { severity } of result.issues) bySeverity.set(severity.name, (bySeverity.get(severity.name) ?? 0) + 1);
  const counts = [...bySeverity].map(([severity, n]) => `${n} ${severity}`);
  const scanned = inputs.map((i) => path.relative(root, i) || '.').join(', ');
  console.log(`electronegativity (${scanned}): ${result.issues.length} finding(s)${counts.length ? ` (${counts.join(', ')})` : ''}`);

  if (failures.length > 0) {
    console.error(`\nelectronegativity gate FAILED (HIGH/MEDIUM findings; reports in ${path.relative(root, reportDir)}):\n`);
    for (const failure of failures) console.error(`  ${failure}`);
    console.error('\nFix the code, or if a finding is a false positive, disable it on its line with');
    console.error('/* eng-disable CHECK_ID */ and a comment saying why.');
    process.exitCode = 1;
  } else {
    console.log(`electronegativity gate passed (reports in ${path.relative(root, reportDir)})`);
  }
}

main().catch((e) => {
  console.error('electronegativity gate could not run:', e);
  process.exitCode = 2;
});
