// The browser test of batch follow-up and the letter's way to the debtor (issues 5 and 6): the
// creditor opens Multiopfølgning on the demo account, keeps one group, looks at the cases in
// step 2, sends now by e-mail, watches the run finish and the e-mails reach a real SMTP server
// on loopback (aiosmtpd, tests/dispatch/smtp_server.py) in the queue; the debtor follows the
// link of the e-mail and sees the letter in the portal. Screenshots go to the screenshot folder
// (followup-*.png). Exit code 0 when every step passed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { failed, launchBrowser, repo, screenshots, startServer, step, watchConsole } from './harness.mjs';

// The SMTP server first: the application reads INKASSO_SMTP_URL at start.
const mailDir = mkdtempSync(path.join(tmpdir(), 'inkasso-e2e-mail-'));
const portFile = path.join(mailDir, 'port');
const smtp = spawn('/usr/bin/python3', [path.join(repo, 'tests/dispatch/smtp_server.py'),
  '--dir', mailDir, '--port-file', portFile], { stdio: ['ignore', 'inherit', 'inherit'] });
let smtpPort = '';
for (let i = 0; i < 100 && !smtpPort; i += 1) {
  await new Promise((r) => setTimeout(r, 100));
  try { smtpPort = readFileSync(portFile, 'utf8').trim(); } catch { /* not yet */ }
}
assert.ok(smtpPort, 'the SMTP server did not start');
process.env.INKASSO_SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
process.env.INKASSO_MAIL_FROM = 'inkasso@example.test';

// The messages received, their quoted-printable text parts decoded (soft line breaks, "=3D").
const mails = () => readdirSync(mailDir).filter((f) => f.endsWith('.eml'))
  .map((f) => readFileSync(path.join(mailDir, f), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '='));

const server = await startServer(['--demo']);
const browser = await launchBrowser();
const problems = [];
let exitCode = 0;
try {
  const base = server.url;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' });
  const page = await context.newPage();
  watchConsole(page, problems);

  let chosen = '';
  let count = 0;
  await step('step 1 shows the due steps grouped by track', async () => {
    await page.goto(`${base}/log-ind`);
    await page.getByLabel('E-mail').fill('demo@inkasso.dk');
    await page.getByLabel('Kodeord').fill('demo-inkasso-2026');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL(`${base}/`);
    await page.getByRole('link', { name: 'Multiopfølgning' }).click();
    await page.waitForURL(`${base}/opfoelgning`);
    assert.ok(await page.getByRole('heading', { name: 'Multiopfølgning', exact: true }).isVisible());
    const boxes = page.locator('input[name="type"]');
    assert.ok(await boxes.count() >= 1, 'nothing due on the demo account');
    await screenshots(page, 'followup-01-step1');
    // Keep the first group only.
    chosen = await boxes.first().getAttribute('value');
    const label = await boxes.first().locator('..').textContent();
    count = Number(label.match(/\((\d+)\)/)[1]);
    for (let i = 1; i < await boxes.count(); i += 1) await boxes.nth(i).uncheck();
    await page.getByRole('button', { name: 'Næste' }).click();
    await page.waitForURL(/\/opfoelgning\/tidspunkt/);
  });

  await step('step 2 shows the time, the paydays and the cases', async () => {
    assert.ok(await page.getByRole('heading', { name: 'Vælg tidspunkt' }).isVisible());
    assert.ok(await page.getByText('De næste almindelige udbetalingsdage').isVisible());
    await page.getByText('Vis/Skjul sager').click();
    assert.equal(await page.locator('details.followup-cases tbody tr').count(), count);
    await screenshots(page, 'followup-02-step2');
    // Now: the current day and minute in Denmark (within the form's slack, so sent at once; the
    // form offers the next whole hour, which after 23:00 is tomorrow).
    const at = new Date();
    // Assembled from the parts: their order and separators depend on the locale data Node has.
    const part = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit',
    }).formatToParts(at).map((p) => [p.type, p.value]));
    const today = `${part.year}-${part.month}-${part.day}`;
    const now = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', hour: '2-digit', minute: '2-digit', hour12: false })
      .format(at);
    await page.locator('input[name="date_0"]').fill(today);
    await page.locator('input[name="time_0"]').fill(now);
    await page.getByLabel('Forsendelse').selectOption('email_or_print');
  });

  await step('executing creates the steps and shows the run', async () => {
    await page.getByRole('button', { name: 'Opret handlinger og send' }).click();
    await page.waitForURL(/\/opfoelgning\/koersler\/\d+/);
    await page.getByText('Færdig.').waitFor({ timeout: 30000 });
    const done = Number(await page.locator('dd.run-done').textContent());
    const refused = Number(await page.locator('dd.run-refused').textContent());
    const leftOut = Number(await page.locator('dd.run-left-out').textContent());
    assert.equal(done + refused + leftOut, count);
    assert.ok(done >= 1, 'no step was created');
    await screenshots(page, 'followup-03-run');
  });

  let link = '';
  await step('the e-mails are received by the SMTP server and shown in the queue', async () => {
    // The letters are told apart by their tracking link: from 07:00 Danish time the server's
    // daily digest to the demo user arrives in the same mailbox, possibly first.
    const trackingLink = /https?:\/\/[^\s"<>]*\/aabn\/[A-Za-z0-9_-]+/;
    const letters = () => mails().filter((text) => trackingLink.test(text));
    for (let i = 0; i < 60 && letters().length === 0; i += 1) await new Promise((r) => setTimeout(r, 500));
    const received = letters();
    assert.ok(received.length >= 1, `no letter arrived (${mails().length} other e-mails)`);
    const m = received[0].match(trackingLink);
    link = new URL(m[0]).pathname;
    await page.goto(`${base}/udsendelser?status=alle`);
    assert.ok(await page.locator('td', { hasText: 'Modtaget' }).first().isVisible());
    await screenshots(page, 'followup-04-queue');
  });

  await step('the debtor follows the link into the portal and sees the letter', async () => {
    const debtorContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'da-DK' });
    const debtor = await debtorContext.newPage();
    watchConsole(debtor, problems);
    await debtor.goto(`${base}${link}`);
    await debtor.waitForURL(`${base}/portal/sag`);
    assert.ok(await debtor.getByRole('heading', { name: 'Breve om sagen', exact: true }).isVisible());
    await screenshots(debtor, 'followup-05-portal');
    // The creditor's queue now says it was opened.
    await page.goto(`${base}/udsendelser?status=opened`);
    assert.ok(await page.locator('td', { hasText: 'Åbnet' }).first().isVisible());
  });

  if (problems.length) throw new Error(`the browser reported problems:\n${problems.join('\n')}`);
} catch (err) {
  exitCode = 1;
  if (!failed()) console.log(`FAIL ${err.stack || err}`);
} finally {
  await browser.close();
  await server.stop();
  smtp.kill('SIGTERM');
  rmSync(mailDir, { recursive: true, force: true });
}
process.exit(exitCode);
