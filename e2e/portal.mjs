// The browser test of the debtor portal (issue 5): the creditor reads a demo case's portal
// login on the case page and looks at the portal as the debtor sees it; the debtor, in a
// browser of their own, is refused with a wrong password, logs in with the case ID and the
// password, sees the amount to pay and how to pay, opens a letter when there is one, logs out,
// and logs in again with the direct link. Screenshots at desktop and phone width go to the
// screenshot folder (portal-*.png). Exit code 0 when every step passed.
import assert from 'node:assert/strict';
import { failed, launchBrowser, screenshots, startServer, step, watchConsole } from './harness.mjs';

const server = await startServer(['--demo']);
const browser = await launchBrowser();
const problems = [];
let exitCode = 0;
try {
  const base = server.url;
  const creditorContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' });
  const creditor = await creditorContext.newPage();
  watchConsole(creditor, problems);

  let caseId = '';
  let password = '';
  let linkPath = '';
  await step('the creditor reads the portal login on the case page', async () => {
    await creditor.goto(`${base}/log-ind`);
    await creditor.getByLabel('E-mail').fill('demo@inkasso.dk');
    await creditor.getByLabel('Kodeord').fill('demo-inkasso-2026');
    await creditor.getByRole('button', { name: 'Log ind' }).click();
    await creditor.waitForURL(`${base}/`);
    await creditor.goto(`${base}/sager/1`);
    const facts = creditor.locator('dt:has-text("Sags-ID:") + dd');
    caseId = (await facts.first().textContent()).trim();
    password = (await creditor.locator('code.case-secret').first().textContent()).trim();
    const link = (await creditor.locator('code.case-link').first().textContent()).trim();
    linkPath = new URL(link).pathname;
    assert.match(caseId, /^\d+$/);
    assert.equal(password.length, 10);
    assert.ok(linkPath.startsWith(`/portal/adgang/${caseId}-`), linkPath);
  });

  await step('the creditor looks at the portal as the debtor sees it', async () => {
    await creditor.getByRole('link', { name: 'Se portalen som skyldner' }).click();
    await creditor.waitForURL(`${base}/sager/1/portal`);
    assert.ok(await creditor.getByText('Sådan ser skyldneren sagen.').isVisible());
    assert.ok(await creditor.getByRole('heading', { name: 'Sådan er beløbet sammensat' }).isVisible());
    await screenshots(creditor, 'portal-01-preview');
  });

  // The debtor's own browser: no creditor cookie.
  const debtorContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' });
  const debtor = await debtorContext.newPage();
  watchConsole(debtor, problems);

  await step('a wrong password is refused without saying more', async () => {
    await debtor.goto(`${base}/portal`);
    assert.equal(await debtor.title(), 'Log ind på din sag · Min sag');
    await screenshots(debtor, 'portal-02-login');
    await debtor.getByLabel('Sags-ID').fill(caseId);
    await debtor.getByLabel('Adgangskode').fill('forkert-kode');
    await debtor.getByRole('button', { name: 'Log ind' }).click();
    assert.ok(await debtor.getByRole('alert').filter({ hasText: 'Sags-ID eller adgangskode er forkert.' }).isVisible());
    assert.equal(await debtor.getByLabel('Sags-ID').inputValue(), caseId);
    await screenshots(debtor, 'portal-03-wrong');
  });

  await step('the debtor logs in and sees the case', async () => {
    await debtor.getByLabel('Adgangskode').fill(password);
    await debtor.getByRole('button', { name: 'Log ind' }).click();
    await debtor.waitForURL(`${base}/portal/sag`);
    assert.ok(await debtor.getByRole('heading', { name: 'Din sag' }).isVisible());
    assert.ok(await debtor.getByText(`Sags-ID ${caseId}`).isVisible());
    const total = (await debtor.locator('.portal-total').textContent()).trim();
    assert.match(total, /^[\d.]+,\d\d kr\.$/);
    for (const heading of ['Sådan betaler du', 'Sådan er beløbet sammensat', 'Fakturaer',
      'Dine betalinger', 'Breve om sagen', 'Kreditor', 'Dine oplysninger']) {
      assert.ok(await debtor.getByRole('heading', { name: heading, exact: true }).isVisible(), heading);
    }
    // The creditor's application stays closed to the portal's session.
    const response = await debtor.request.get(`${base}/sager`, { maxRedirects: 0 });
    assert.equal(response.status(), 303);
    assert.ok(response.headers().location.startsWith('/log-ind'));
    await screenshots(debtor, 'portal-04-case');
  });

  await step('a letter opens as a PDF when the case has one', async () => {
    const letters = debtor.locator('a.portal-document');
    if (await letters.count() === 0) {
      console.log('     (the demo case has no rendered letter: nothing to open)');
      return;
    }
    const href = await letters.first().getAttribute('href');
    const response = await debtor.request.get(`${base}${href}`);
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['content-type'], 'application/pdf');
    assert.ok((await response.body()).subarray(0, 5).toString() === '%PDF-');
  });

  await step('the debtor logs out', async () => {
    await debtor.getByRole('button', { name: 'Log ud' }).click();
    await debtor.waitForURL(`${base}/portal`);
    assert.ok(await debtor.getByText('Du er logget ud.').isVisible());
    await debtor.goto(`${base}/portal/sag`);
    await debtor.waitForURL(`${base}/portal`);
  });

  await step('the direct link logs in without typing', async () => {
    await debtor.goto(`${base}${linkPath}`);
    await debtor.waitForURL(`${base}/portal/sag`);
    assert.ok(await debtor.getByText(`Sags-ID ${caseId}`).isVisible());
    // A tampered link is answered as a wrong password.
    await debtor.getByRole('button', { name: 'Log ud' }).click();
    await debtor.waitForURL(`${base}/portal`);
    const tampered = linkPath.slice(0, -1) + (linkPath.endsWith('A') ? 'B' : 'A');
    await debtor.goto(`${base}${tampered}`);
    assert.ok(await debtor.getByText('Sags-ID eller adgangskode er forkert.').isVisible());
  });

  // The wrong password and the tampered link are answered 401, which Chromium logs as a failed
  // load; anything else the browser reported is a problem.
  const refused = problems.filter((p) => p.includes('status of 401'));
  const unexpected = problems.filter((p) => !p.includes('status of 401'));
  assert.equal(refused.length, 2, problems.join('\n'));
  if (unexpected.length) throw new Error(`the browser reported problems:\n${unexpected.join('\n')}`);
} catch (err) {
  exitCode = 1;
  if (!failed()) console.log(`FAIL ${err.stack || err}`);
} finally {
  await browser.close();
  await server.stop();
}
process.exit(exitCode);
