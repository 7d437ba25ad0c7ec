'use strict';
/**
 * Crash-test worker (crash.test.ts): the real queue and deliverer, compiled (out/), against the test's receivers.
 * The parent SIGKILLs it at random moments. It reports on stdout with fs.writeSync (synchronous, so a line
 * written is in the pipe even if the kill comes right after):
 *   "try <id>"  before submit()       "ack <id>" once submit() resolved       "drained true|false"
 */
const fs = require('node:fs');
const path = require('node:path');
const { randomUUID } = require('node:crypto');

const config = JSON.parse(process.env.MAMORI_CRASH_CONFIG);
const { createReporting } = require(path.join(config.outDir, 'src/node/report/index.js'));
const say = (line) => fs.writeSync(1, `${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const reporting = await createReporting({
    stateDir: config.stateDir,
    channels: config.channels,
    timeoutMs: 3000,
    backoff: { initialMs: 20, maxMs: 200 },
    deliveredKeep: 100000,
  });
  if (config.mode === 'drain') {
    const result = await reporting.drain(config.drainMs);
    say(`drained ${result.complete}`);
    await reporting.stop();
    process.exitCode = result.complete ? 0 : 1;
    return;
  }
  for (let i = 0; i < config.count; i++) {
    const id = randomUUID();
    say(`try ${id}`);
    await reporting.submit({ ...config.template, id, createdAt: new Date().toISOString() });
    say(`ack ${id}`);
    await sleep(Math.random() * 20);
  }
  await reporting.drain(60000); // keep delivering until killed
  say('idle');
}

main().catch((e) => {
  say(`error ${e && e.code}`);
  process.exitCode = 2;
});
