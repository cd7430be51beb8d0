// The browser test of the whole path of a new creditor (issue 4): sign up, create a company
// account, a debtor, a case through the four-step wizard, accept the guide's suggestion, delete
// it again, pause the case, close it. Screenshots of the main pages at desktop and phone width
// go to build/e2e-screenshots/ (look at them). Exit code 0 when every step passed.
import assert from 'node:assert/strict';
import { failed, isoDay, launchBrowser, screenshots, startServer, step, watchConsole } from './harness.mjs';

const server = await startServer();
const browser = await launchBrowser();
const problems = [];
let exitCode = 0;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' });
  const page = await context.newPage();
  watchConsole(page, problems);
  const base = server.url;

  await step('the login page', async () => {
    await page.goto(`${base}/log-ind`);
    assert.equal(await page.title(), 'Log ind · inkasso');
    await screenshots(page, '01-login');
  });

  await step('sign up', async () => {
    await page.getByRole('link', { name: 'Opret bruger' }).click();
    await page.getByLabel('Fornavn').fill('Mette');
    await page.getByLabel('Efternavn').fill('Madsen');
    await page.getByLabel('E-mail').fill('mette@madsen-vvs.dk');
    await page.getByLabel('Kodeord *', { exact: true }).fill('hemmeligt-kodeord-42');
    await page.getByLabel('Bekræft kodeord').fill('hemmeligt-kodeord-42');
    await page.getByLabel('Jeg har læst og accepteret').check();
    await screenshots(page, '02-signup');
    await page.getByRole('button', { name: 'Opret bruger' }).click();
    await page.waitForURL('**/konto/opret');
    await screenshots(page, '03-account-kinds');
  });

  await step('create a company account; typing the postal code fills in the town', async () => {
    await page.getByRole('link', { name: /^Virksomhed/ }).click();
    await page.waitForURL('**/konto/opret/virksomhed');
    const form = page.locator('form.form, main form').last();
    await form.locator('input[name=name]').fill('Madsen VVS ApS');
    await form.locator('input[name=cvr]').fill('27355021');
    await form.locator('input[name=email]').fill('kontor@madsen-vvs.dk');
    await form.locator('input[name=phone]').fill('86 12 34 56');
    await form.locator('input[name=street]').fill('Søndergade 12');
    await form.locator('input[name=postal_code]').fill('8000');
    await page.waitForFunction(() => document.querySelector('input[name=city]').value === 'Aarhus C');
    await form.locator('input[name=bank_name]').fill('Danske Bank');
    await form.locator('input[name=reg_no]').fill('1234');
    await form.locator('input[name=account_no]').fill('0012345678');
    await screenshots(page, '04-account-form');
    await page.getByRole('button', { name: 'Opret konto' }).click();
    await page.waitForURL(`${base}/`);
    assert.ok(await page.getByText('Madsen VVS ApS').first().isVisible());
    await screenshots(page, '05-home');
  });

  let debtorUrl = '';
  await step('create a debtor', async () => {
    await page.getByRole('link', { name: 'Skyldnere', exact: true }).click();
    await page.waitForURL('**/skyldnere');
    await page.goto(`${base}/skyldnere/ny?type=virksomhed`);
    await page.locator('input[name=name]').fill('Ærlige Bents Byggeri ApS');
    await page.locator('input[name=cvr]').fill('12345674');
    await page.locator('input[name=email]').fill('bent@byggeri.dk');
    await page.locator('input[name=mobile]').fill('20 30 40 50');
    await page.locator('input[name=street]').fill('Transitvej 20C');
    await page.locator('input[name=postal_code]').fill('6330');
    await page.waitForFunction(() => document.querySelector('input[name=city]').value !== '');
    await screenshots(page, '06-debtor-form');
    await page.getByRole('button', { name: 'Opret skyldner' }).click();
    await page.waitForURL(/\/skyldnere\/\d+$/);
    debtorUrl = page.url();
    assert.ok(await page.getByRole('heading', { name: 'Ærlige Bents Byggeri ApS' }).isVisible());
    await screenshots(page, '07-debtor');
  });

  let caseUrl = '';
  await step('create a case through the four-step wizard', async () => {
    await page.goto(debtorUrl);
    await page.locator('main').getByRole('link', { name: 'Opret sag' }).first().click();
    await page.waitForURL(/\/sager\/ny/);
    await page.locator('input[name=claim_0_ref]').fill('Faktura 1001');
    await page.locator('input[name=claim_0_invoice_date]').fill(isoDay(-70));
    await page.locator('input[name=claim_0_due_date]').fill(isoDay(-60));
    await page.locator('input[name=claim_0_amount]').fill('12.500,00');
    await screenshots(page, '08-wizard-claims');
    await page.getByRole('button', { name: /Næste/ }).last().click();  // to payments
    await page.getByRole('button', { name: /Næste/ }).last().click();  // to reminders
    await page.getByRole('button', { name: /Næste/ }).last().click();  // to the track
    assert.ok(await page.getByText('Standard (anbefalet)').first().isVisible());
    await screenshots(page, '09-wizard-track');
    await page.getByRole('button', { name: 'Opret sag' }).last().click();
    await page.waitForURL(/\/sager\/\d+$/);
    caseUrl = page.url();
    assert.ok(await page.getByText('12.500,00 kr.').first().isVisible());
    await screenshots(page, '10-case');
  });

  await step("accept the guide's suggestion", async () => {
    const guide = page.locator('.case-guide');
    await guide.getByRole('link', { name: 'Ja' }).click();
    await page.waitForURL(/\/handling\/ny\?type=/);
    await screenshots(page, '11-action-form');
    await page.locator('main form button.primary').last().click();
    await page.waitForURL(caseUrl);
    assert.ok(await page.locator('.flash').isVisible());
  });

  await step('delete it again', async () => {
    await page.getByRole('link', { name: 'Slet sidste handling' }).first().click();
    await page.waitForURL(/slet-sidste-handling/);
    await screenshots(page, '12-delete-last');
    await page.getByRole('button', { name: 'Slet handlingen' }).click();
    await page.waitForURL(caseUrl);
    assert.ok(await page.locator('.flash').isVisible());
  });

  page.on('dialog', (dialog) => dialog.accept());
  await step('pause the case', async () => {
    await page.goto(`${caseUrl}/handling/ny`);
    await screenshots(page, '13-action-menu');
    await page.goto(`${caseUrl}/handling/ny?type=pause`);
    await page.locator('input[name=until]').fill(isoDay(14));
    await page.getByRole('button', { name: 'Sæt sagen på pause' }).click();
    await page.waitForURL(caseUrl);
    assert.ok(await page.locator('.flash').isVisible());
  });

  await step('close the case', async () => {
    await page.goto(`${caseUrl}/handling/ny?type=close`);
    await screenshots(page, '14-close');
    await page.getByRole('button', { name: 'Luk sagen' }).click();
    await page.waitForURL(caseUrl);
    assert.ok(await page.getByText('Lukket').first().isVisible());
    await screenshots(page, '15-case-closed');
  });

  await step('the lists and the account pages', async () => {
    for (const [path, name] of [['/sager?lukkede=1', '16-case-list'], ['/skyldnere', '17-debtor-list'],
      ['/todo', '18-todo'], ['/konto/stamdata', '19-master-data'], ['/konto/brugere', '20-members'],
      ['/konto/min-bruger', '21-my-user']]) {
      const res = await page.goto(`${base}${path}`);
      assert.equal(res.status(), 200, path);
      await screenshots(page, name);
    }
  });

  await step('log out', async () => {
    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.waitForURL('**/log-ind');
    assert.ok(await page.getByText('Du er logget ud.').isVisible());
  });

  assert.deepEqual(problems, []);
} catch (err) {
  exitCode = 1;
} finally {
  await browser.close();
  await server.stop();
}
if (problems.length) {
  console.log(problems.join('\n'));
  exitCode = 1;
}
process.exit(exitCode || (failed() ? 1 : 0));
