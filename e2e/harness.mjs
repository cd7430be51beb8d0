// What the browser tests share: the real server started on a free port with a fresh data
// directory, Debian's Chromium driven by playwright-core, screenshots at desktop and phone width
// with a check that a page never scrolls sideways, and a tiny step runner.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '..');
export const screenshotDir =
  process.env.INKASSO_SCREENSHOTS || path.join(repo, 'build', 'e2e-screenshots');

export const viewports = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
};

// Starts `inkasso serve` (INKASSO_BIN, default build/inkasso) on a free port; resolves with
// { url, stop }. Extra arguments (e.g. --demo) are passed on.
export async function startServer(extraArgs = []) {
  const bin = process.env.INKASSO_BIN || path.join(repo, 'build', 'inkasso');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'inkasso-e2e-'));
  const child = spawn(bin, ['serve', '--data-dir', dataDir, '--port', '0', '--quiet', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30000);
    const onData = (chunk) => {
      output += chunk.toString();
      const m = output.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => { output += chunk.toString(); });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  // Stops the server with SIGTERM, as a service manager does; it must finish gracefully.
  const stop = async () => {
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    child.kill('SIGTERM');
    const { code, signal } = await exited;
    rmSync(dataDir, { recursive: true, force: true });
    if (code !== 0) throw new Error(`the server stopped with code ${code} (signal ${signal})`);
  };
  return { url, stop, output: () => output };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.INKASSO_CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

// A screenshot of the page at desktop and phone width (full page), named `name`, and the check
// that neither width scrolls sideways. Leaves the page at desktop width.
export async function screenshots(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  for (const [label, size] of Object.entries(viewports)) {
    await page.setViewportSize(size);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) {
      throw new Error(`${name} scrolls sideways by ${overflow}px at ${label} width`);
    }
    await page.screenshot({ path: path.join(screenshotDir, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(viewports.desktop);
}

// Fails when the browser saw an error on the page (a CSP violation, a script error).
export function watchConsole(page, problems) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
}

let failures = 0;
export async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    failures += 1;
    console.log(`FAIL ${name}\n${err.stack || err}`);
    throw err;
  }
}

export function failed() {
  return failures;
}

// "yyyy-mm-dd" of today plus `days` in the server's calendar (Denmark).
export function isoDay(days = 0) {
  const now = new Date(Date.now() + days * 86400000);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit',
  }).format(now);
  return parts;
}
