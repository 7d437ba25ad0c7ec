import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { arrivedIds, startReceivers, type Receivers } from '../support/receivers';
import { makePki } from '../support/receivers/pki';
import { expect, test as base } from './fixtures';
import { CHANNELS } from '../../src/shared/ipc/channels';
import { repoRoot, startAgent, type TestAgent } from './support/agent';

/**
 * The report window against the real agent and REAL receivers on loopback (an HTTPS endpoint, syslog
 * over TLS, an SMTP server, all trusting a test CA): what the screen says is what happened.
 */
const test = base.extend<{ agent: TestAgent }, { receivers: Receivers }>({
  receivers: [
    async ({}, use) => {
      const receivers = await startReceivers(makePki());
      await use(receivers);
      await receivers.close();
    },
    { scope: 'worker' },
  ],
  agent: async ({ receivers }, use) => {
    const agent = await startAgent({ reportingChannels: receivers.channels });
    await use(agent);
    await agent.service.stop();
  },
});

const SHOTS = path.join(repoRoot, 'test-results/screenshots');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const NOTE = '添付ファイルを開いたあと、画面に見慣れない表示が出ました';

async function axe(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(result.violations.map((v) => ({ rule: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }))).toEqual([]);
}

const targets = (r: Receivers) => [r.https.port, r.syslog.port, r.smtp.port].map((port) => `127.0.0.1:${port}`);

test('infection: one button, a confirmation saying what will happen, then delivered everywhere and the cable advice', async ({ app, agent, receivers }) => {
  const { page } = app;
  await app.open('/report');
  await axe(page);
  await page.screenshot({ path: path.join(SHOTS, 'report.png'), fullPage: true });

  await page.getByRole('link', { name: 'ネットワークを切断して報告' }).click();
  await expect(page.locator('main h1')).toHaveText('ウイルス感染（疑い）を報告します');
  const effects = page.locator('.report-effects');
  await expect(effects).toContainText('CSIRT に報告を送ります');
  await expect(effects).toContainText('報告先との通信だけを残して、ネットワークを切断します');
  await expect(effects).toContainText('電源は切らず、再起動もしないでください');
  expect(agent.isolations, 'nothing happens before the user confirms').toEqual([]);
  // The safe choice is the large one, and first: a hurried Enter or click lands on it.
  const buttons = page.locator('main button');
  await expect(buttons.first()).toHaveText('ネットワークを切断して報告');
  await expect(buttons.first()).toHaveClass(/button--large/);
  await expect(page.getByRole('button', { name: '切断せずに報告だけする' })).not.toHaveClass(/button--large/);
  await page.getByLabel('CSIRT へのメモ（任意）').fill(NOTE);
  await axe(page);
  await page.screenshot({ path: path.join(SHOTS, 'report-confirm.png'), fullPage: true });

  await page.getByRole('button', { name: 'ネットワークを切断して報告' }).click();
  await expect(page.locator('main h1')).toHaveText('報告しました');
  await expect(page.locator('main h1')).toBeFocused();
  // Each receiver's state, updated live as delivery completes.
  for (const target of targets(receivers)) await expect(page.getByText(`報告は ${target} に届きました。`)).toBeVisible();
  await expect(page.getByText('すぐに電話で連絡してください')).toHaveCount(0);
  // No helper on this machine: the recorder answers as requestIsolation would, and the screen says to pull the cable.
  await expect(page.locator('section[aria-labelledby="network"]')).toContainText('LANケーブルを抜き');
  const id = (await page.locator('.fields code').textContent())!;
  expect(agent.isolations).toEqual([`report ${id} (infection)`]);
  const arrived = arrivedIds(receivers);
  for (const ids of [arrived.https, arrived.syslog, arrived.smtp]) expect(ids).toContain(id);
  const body = receivers.https.arrivals.find((a) => a.body.toString('utf8').includes(id))!.body.toString('utf8');
  expect(body).toContain(NOTE);
  // What to do next: booklet 4章-5, and whom to call.
  await expect(page.locator('section[aria-labelledby="network"]')).toContainText('パソコンの電源は切らず、再起動もしないでください。');
  await expect(page.getByRole('heading', { name: /4章-5/ })).toBeVisible();
  await expect(page.locator('.contacts .phone')).toContainText(['03-0000-1234', '03-0000-5555', '03-0000-9110']);
  await axe(page);
  await page.screenshot({ path: path.join(SHOTS, 'report-result.png'), fullPage: true });
});

test('with the CSIRT endpoint failing, the screen says the report is queued and whom to phone', async ({ app, agent, receivers }) => {
  const { page } = app;
  receivers.https.mode = 'error';
  try {
    await app.open('/report/suspicious-mail');
    await expect(page.locator('main h1')).toHaveText('不審な電子メールを報告します');
    await expect(page.locator('.report-effects')).toContainText('ネットワークは切断しません');
    await page.getByRole('button', { name: '報告を送る' }).click();
    await expect(page.locator('main h1')).toHaveText('報告しました');
    const call = page.locator('.report-call');
    await expect(call).toContainText('報告はまだ CSIRT に届いていません');
    await expect(call.locator('.report-phone')).toHaveText('すぐに電話で連絡してください: 架空省CSIRT 03-0000-9110');
    await expect(page.getByText(`報告はまだ 127.0.0.1:${receivers.https.port} に届いていません。`, { exact: false })).toBeVisible();
    expect(agent.isolations, 'only an infection report cuts the network').toEqual([]);
    await expect(page.getByRole('heading', { name: /4章-4/ })).toBeVisible();
    await axe(page);
    await page.screenshot({ path: path.join(SHOTS, 'report-queued.png'), fullPage: true });
  } finally {
    receivers.https.mode = 'ok';
  }
});

test('keyboard only, in English: lost device ("maybe lost") from the list to the receipt', async ({ app, agent }) => {
  const { page } = app;
  agent.service.setLanguage('en');
  await app.open('/report');
  const tabTo = async (name: RegExp) => {
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      const text = await page.evaluate(() => document.activeElement?.textContent ?? document.activeElement?.getAttribute('id') ?? '');
      if (name.test(text)) return;
    }
    throw new Error(`cannot reach ${name} with Tab`);
  };
  await tabTo(/Lost or stolen device/);
  await page.keyboard.press('Enter');
  await expect(page.locator('main h1')).toHaveText('Report: Lost or stolen device (suspected)');
  await page.getByLabel('Note to the CSIRT (optional)').focus();
  await page.keyboard.type('Maybe left on the train');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Send the report' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main h1')).toHaveText('Reported');
  await expect(page.getByRole('heading', { name: /4章-6/ })).toBeVisible();
  await axe(page);
});

test('infection, without disconnecting: the second, smaller choice reports and leaves the network alone', async ({ app, agent, receivers }) => {
  const { page } = app;
  await app.open('/report/infection');
  const second = page.getByRole('button', { name: '切断せずに報告だけする' });
  await expect(second).toHaveAccessibleDescription(/感染が広がるおそれがあります。CSIRT に指示されたときだけ使ってください。/);
  await second.click();
  await expect(page.locator('main h1')).toHaveText('報告しました');
  const network = page.locator('section[aria-labelledby="network"]');
  await expect(network).toContainText('ネットワークは切断していません。CSIRT の指示に従ってください。');
  await expect(network).toContainText('パソコンの電源は切らず、再起動もしないでください。');
  const id = (await page.locator('.fields code').textContent())!;
  await expect.poll(() => arrivedIds(receivers).https).toContain(id);
  expect(agent.isolations, 'the network was not to be cut').toEqual([]);
  const body = JSON.parse(receivers.https.arrivals.find((a) => a.body.toString('utf8').includes(id))!.body.toString('utf8'));
  expect(JSON.stringify(body)).toContain('"isolationRequested":false');
  await axe(page);
});

test('a report that cannot be saved keeps the note and the kind, says so and whom to phone, and goes through once fixed', async ({ app, agent, receivers }) => {
  const { page } = app;
  // A file where the report queue's folder must go: the agent cannot save anything (as with a full or broken disk).
  const blocker = path.join(agent.stateDir, 'reports');
  writeFileSync(blocker, 'in the way');
  await app.open('/report/infection');
  await page.getByLabel('CSIRT へのメモ（任意）').fill(NOTE);
  await page.getByRole('button', { name: 'ネットワークを切断して報告' }).click();

  await expect(page.locator('main h1')).toHaveText('報告できませんでした');
  await expect(page.locator('main h1')).toBeFocused();
  const notice = page.locator('.report-call');
  await expect(notice).toContainText('報告を保存できませんでした。CSIRT にも届いていません。');
  await expect(notice.locator('.report-phone')).toHaveText('すぐに電話で連絡してください: 架空省CSIRT 03-0000-9110');
  await expect(notice).toContainText('書いたメモは残っています。');
  await expect(page.getByLabel('CSIRT へのメモ（任意）')).toHaveValue(NOTE);
  // The network was cut all the same (here: no helper, so "pull the cable"), and the contacts are listed.
  expect(agent.isolations).toHaveLength(1);
  await expect(page.locator('section[aria-labelledby="network"]')).toContainText('LANケーブルを抜き');
  await expect(page.locator('.contacts .phone')).toHaveCount(3);
  await axe(page);
  await page.screenshot({ path: path.join(SHOTS, 'report-not-saved.png'), fullPage: true });

  // Another window's snapshot arriving does not wipe the note.
  await agent.recheck();
  await expect(page.getByLabel('CSIRT へのメモ（任意）')).toHaveValue(NOTE);

  rmSync(blocker);
  await page.getByRole('button', { name: 'ネットワークを切断して報告' }).click();
  await expect(page.locator('main h1')).toHaveText('報告しました');
  const id = (await page.locator('.fields code').textContent())!;
  await expect.poll(() => arrivedIds(receivers).https).toContain(id);
  expect(receivers.https.arrivals.find((a) => a.body.toString('utf8').includes(id))!.body.toString('utf8')).toContain(NOTE);
  // Saved: the note has done its job and a new report starts empty.
  await app.open('/report/other');
  await expect(page.getByLabel('CSIRT へのメモ（任意）')).toHaveValue('');
});

test('when the agent does not answer, the note is kept and the screen says the report may not be saved', async ({ app, agent }) => {
  const { page } = app;
  const real = agent.handlers[CHANNELS.report];
  // The one stand-in here: main failing inside the call (what the window sees is an IPC error).
  agent.handlers[CHANNELS.report] = async () => Promise.reject(new Error('agent crashed'));
  await app.open('/report/suspicious-mail');
  await page.getByLabel('CSIRT へのメモ（任意）').fill(NOTE);
  await page.getByRole('button', { name: '報告を送る' }).click();
  await expect(page.locator('main h1')).toHaveText('報告できませんでした');
  await expect(page.locator('.report-call')).toContainText('報告を保存できたか確認できませんでした。');
  await expect(page.locator('.report-call .report-phone')).toContainText('03-0000-9110');
  await expect(page.locator('section[aria-labelledby="network"]'), 'only an infection report speaks of the network').toHaveCount(0);
  await expect(page.getByLabel('CSIRT へのメモ（任意）')).toHaveValue(NOTE);
  agent.handlers[CHANNELS.report] = real;
  await page.getByRole('button', { name: '報告を送る' }).click();
  await expect(page.locator('main h1')).toHaveText('報告しました');
});

