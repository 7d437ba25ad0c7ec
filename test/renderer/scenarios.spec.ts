import { alertRoute, expect, findingRoute, test } from './fixtures';
import { guestWifi, unknownStick } from './support/agent';
import { lentStick } from '../support/usb-devices';

/*
 * What a staff member sees when a fact changes at the probe boundary, end to end through the real
 * agent core: probe → rules → snapshot → IPC contract → window.
 */

test('an unknown USB stick, then "check now": the finding appears, and its alert gives 4章-3, the 統一基準 clause and the policy contacts', async ({ app, agent }) => {
  const { page } = app;
  await app.open('/status');
  const usb = page.locator('li.check', { has: page.getByRole('heading', { name: 'USB機器' }) });
  await expect(usb.getByText('問題なし')).toBeVisible();

  agent.boundary.usb = [unknownStick];
  await usb.getByRole('button', { name: 'USB機器を今すぐ確認' }).click();
  await expect(usb.getByText('要対応')).toBeVisible();
  await expect(usb.getByRole('link', { name: '組織が承認していないUSB機器「ACME Flash Disk」が接続されました。' })).toBeVisible();

  const finding = agent.finding('usb-unapproved-device');
  await app.open(alertRoute(finding.id));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('承認されていないUSB機器です');
  await expect(page.getByRole('heading', { name: 'まずすること' })).toBeVisible();
  await expect(page.getByText('この機器をすぐにパソコンから取り外します。')).toBeVisible();
  await expect(page.getByText('データの受け渡しには、組織が貸し出す承認済みのUSBメモリを使います。')).toBeVisible();
  await expect(page.getByRole('heading', { name: '4章-3 USBメモリを利用するときは' })).toBeVisible();
  await expect(page.getByText('統一基準 3.1.1(4)(b)')).toBeVisible();
  await expect(page.getByText('情報の利用・保存').first()).toBeVisible();
  await expect(page.getByText('情報政策課 課室情報セキュリティ責任者 山田 花子')).toBeVisible();
  await expect(page.getByText('架空省CSIRT')).toBeVisible();
  await expect(page.getByText('03-0000-9110')).toBeVisible();

  await page.getByRole('button', { name: '承認を依頼する' }).click();
  await expect.poll(() => agent.opened.length).toBe(1);
  expect(agent.opened[0]).toMatch(/^mailto:security-officer%40example\.go\.jp\?subject=/);
  expect(decodeURIComponent(agent.opened[0]!)).toContain(finding.id);
  await page.getByRole('button', { name: '報告する' }).click();
  await expect.poll(() => agent.opened.length).toBe(2);
  expect(agent.opened[1]).toMatch(/^mailto:csirt%40example\.go\.jp\?subject=/);
  await expect(page.getByRole('status').filter({ hasText: 'メールソフトを開きました。' })).toBeAttached();
});

test('the finding detail shows the device as observed, every cited section, and a mail button per contact', async ({ app, agent }) => {
  const { page } = app;
  agent.boundary.usb = [unknownStick];
  await agent.recheck('usb');
  const finding = agent.finding('usb-unapproved-device');
  await app.open(findingRoute(finding.id));

  const fields = page.locator('dl').nth(1);
  for (const [label, value] of [
    ['ベンダーID', '1234'],
    ['プロダクトID', '5678'],
    ['シリアル番号', 'SN-0042-UNKNOWN'],
    ['インターフェースクラス', '08'],
    ['製造元', 'ACME'],
  ]) {
    await expect(fields.locator('dt', { hasText: label }).locator('+ dd')).toHaveText(value!);
  }
  await expect(page.getByRole('heading', { name: '4章-3 USBメモリを利用するときは' })).toBeVisible();
  // The organisation's own step (guidanceOverrides in the example policy) is part of the section.
  await expect(page.getByText('USBメモリの貸出・返却は情報政策課の貸出簿に記入します。')).toBeVisible();
  await expect(page.getByText('03-0000-1234')).toBeVisible();
  // The phone number is text, never a tel: link; no link leaves the app.
  expect(await page.locator('a[href]:not([href^="#/"])').count()).toBe(0);

  await page.getByRole('button', { name: '課室情報セキュリティ責任者にメールを書く' }).click();
  await expect.poll(() => agent.opened.length).toBe(1);
  expect(agent.opened[0]!.startsWith('mailto:security-officer%40example.go.jp')).toBe(true);
});

test('the approved lending stick gets the short 4章-3 reminder with its lending-log entry and holder', async ({ app, agent }) => {
  const { page } = app;
  agent.boundary.usb = [lentStick];
  await agent.recheck('usb');
  const finding = agent.finding('usb-approved-device');
  expect(finding.severity).toBe('info');
  await app.open(alertRoute(finding.id));

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('組織のUSBメモリを使うときの注意');
  await expect(page.getByText('組織のUSBメモリ「貸出用USBメモリ 1号（暗号化）」が接続されています。')).toBeVisible();
  await expect(page.locator('dd', { hasText: '貸出簿 2026-014' })).toBeVisible();
  await expect(page.locator('dd', { hasText: '情報政策課' })).toBeVisible();
  await expect(page.getByText('要保護情報は暗号化して保存します。')).toBeVisible();
  await expect(page.getByText('机の上などに置いたままにせず、使い終わったらすぐに返却します。')).toBeVisible();
  await expect(page.getByRole('heading', { name: '4章-3 USBメモリを利用するときは' })).toBeVisible();
  // A reminder, not an alarm: no contact block, no approval or report buttons.
  await expect(page.getByRole('heading', { name: '連絡する' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '報告する' })).toHaveCount(0);
});

test('an open Wi-Fi network "Guest-Free-WiFi" raises the Wi-Fi alert citing 2章-1 and 4章-7', async ({ app, agent }) => {
  const { page } = app;
  agent.boundary.wifi = [guestWifi];
  await agent.recheck('wifi');
  const finding = agent.finding('wifi-open-network');
  await app.open(alertRoute(finding.id));

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('このWi-Fiには接続しないでください');
  await expect(page.getByText('暗号化されていないWi-Fi「Guest-Free-WiFi」に接続しています。')).toBeVisible();
  await expect(page.getByRole('heading', { name: '2章-1 パソコン・スマートフォンを利用するときは（その1）' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '4章-7 テレワークを実施するときは' })).toBeVisible();
  await expect(page.getByText('統一基準 8.1.3(3)(b)')).toBeVisible();
  await page.getByRole('button', { name: 'ヘルプデスクに相談する' }).click();
  await expect.poll(() => agent.opened[0] ?? '').toMatch(/^mailto:helpdesk%40example\.go\.jp/);
});

test('the alert and the status window update live when the device is removed', async ({ app, agent }) => {
  const { page } = app;
  agent.boundary.usb = [unknownStick];
  await agent.recheck('usb');
  const finding = agent.finding('usb-unapproved-device');
  await app.open(alertRoute(finding.id));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('承認されていないUSB機器です');

  // Unplugged: the hot-plug event makes the agent run the USB check; no one touches the window.
  agent.boundary.usb = [];
  await agent.recheck('usb');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('解消しました');
  await expect(page.getByText('この警告の原因は、すでに解消しています。')).toBeVisible();

  await page.getByRole('link', { name: '状態の画面に戻る' }).click();
  const usb = page.locator('li.check', { has: page.getByRole('heading', { name: 'USB機器' }) });
  await expect(usb.getByText('問題なし')).toBeVisible();
  await expect(usb.getByRole('link')).toHaveCount(0);
});

test('a device plugged in while the status window is open appears without any action', async ({ app, agent }) => {
  const { page } = app;
  await app.open('/status');
  agent.boundary.usb = [unknownStick];
  await agent.recheck('usb');
  await expect(page.getByRole('link', { name: /ACME Flash Disk/ })).toBeVisible();
  await expect(page.locator('.summary')).toContainText('1 件の対応が必要な項目があります。');
});

test('booklet search finds 4章-5 by typing 感染', async ({ app }) => {
  const { page } = app;
  await app.open('/booklet');
  await expect(page.locator('.booklet-item')).toHaveCount(25);
  await page.getByLabel('小冊子を検索').fill('感染');
  await expect(page.getByRole('link', { name: /4章-5/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /4章-3/ })).toHaveCount(0);
  const count = await page.locator('.booklet-item').count();
  await expect(page.locator('#booklet-count')).toHaveText(`${count} 件の項目があります。`);

  await page.getByRole('link', { name: /4章-5/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('4章-5 パソコンがウイルスに感染してしまった、感染したかもしれない');
  await expect(page.getByText('統一基準 2.2.4(2)(a)')).toBeVisible();
});

test('switching to English re-renders every text from the agent\'s snapshot language', async ({ app, agent }) => {
  const { page } = app;
  await app.open('/status');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Status of this PC');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'USB devices' })).toBeVisible();
  await expect(page.getByRole('banner').getByText('Ministry of Examples, Digital Promotion Bureau')).toBeVisible();
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  expect(agent.service.language).toBe('en');
  await expect(page).toHaveTitle('Status of this PC | Mamori');

  await page.getByRole('link', { name: 'Booklet' }).click();
  await expect(page.getByRole('link', { name: /4章-3 When using USB memory/ })).toBeVisible();
  await page.getByRole('button', { name: '日本語' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('小冊子');
});
