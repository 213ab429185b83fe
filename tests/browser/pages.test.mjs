// Page tests in a real browser: Debian's chromium driven by playwright-core.
// The binary under test comes from BISCHEDULER_BIN; each run serves the demo school on a fresh
// SQLite database in a temporary directory, on a free port.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { chromium } from 'playwright-core';

const BIN = process.env.BISCHEDULER_BIN;
const SHOTS = process.env.BISCHEDULER_SCREENSHOTS || join(tmpdir(), 'bischeduler-shots');
const EMAIL = 'coordinacion@demo.test';
const PASSWORD = 'Clave-de-prueba-2025';

let dir, server, browser, base, dbUrl, serverLog = '';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForHealth(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch { /* not up yet */ }
    if (server.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer ${url}; its output:\n${serverLog}`);
}

before(async () => {
  assert.ok(BIN, 'set BISCHEDULER_BIN to the bischeduler binary');
  dir = mkdtempSync(join(tmpdir(), 'bischeduler-browser-'));
  mkdirSync(SHOTS, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  dbUrl = `sqlite://${join(dir, 'bischeduler.db')}`;
  server = spawn(BIN, ['serve', '--demo', '--database-url', dbUrl, '--bind', `127.0.0.1:${port}`], {
    cwd: dir,
    env: { ...process.env, RUST_LOG: 'warn' },
  });
  server.stdout.on('data', (d) => { serverLog += d; });
  server.stderr.on('data', (d) => { serverLog += d; });
  await waitForHealth(`${base}/health`, 120_000);
  // A second process adds an account while the server runs: the CLI and the server share the
  // database, as they do on a school's machine.
  const made = spawnSync(BIN, ['user', 'create', '--database-url', dbUrl, '--tenant', 'demo',
    '--email', EMAIL, '--password', PASSWORD, '--role', 'coordinator'], { cwd: dir, encoding: 'utf8' });
  assert.equal(made.status, 0, `user create failed: ${made.stdout}${made.stderr}`);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a visitor without a session is sent to the login page', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  assert.match(page.url(), /\/login/);
  assert.ok(await page.locator('input[name="email"]').isVisible());
  await page.close();
});

test('a wrong password keeps the visitor out and says so in Spanish', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/login`);
  await page.fill('input[name="email"]', EMAIL);
  await page.fill('input[name="password"]', 'no-es-la-clave');
  await Promise.all([page.waitForLoadState('load'), page.click('button[type="submit"], form.login button')]);
  assert.match(page.url(), /\/login/);
  const body = await page.textContent('body');
  assert.match(body, /incorrect|inválid|no coinciden/i);
  await page.close();
});

test('the coordinator logs in and sees the demo school', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/login`);
  await page.fill('input[name="email"]', EMAIL);
  await page.fill('input[name="password"]', PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/login')),
    page.click('button[type="submit"], form.login button')]);
  const body = await page.textContent('body');
  // The demo school: Media General, 1er to 5to año, six sections and sixteen teachers.
  for (const section of ['1er año', '2do año', '3er año', '4to año', '5to año']) {
    assert.ok(body.includes(section), `the overview should list ${section}`);
  }
  assert.ok(/docente/i.test(body), 'the overview should list the teachers');
  await page.screenshot({ path: join(SHOTS, 'overview.png'), fullPage: true });
  // The session cookie is HttpOnly: page scripts cannot read it.
  const visible = await page.evaluate(() => document.cookie);
  assert.equal(visible, '');
  const cookies = await page.context().cookies();
  assert.ok(cookies.some((c) => c.httpOnly), 'the session cookie must be HttpOnly');
  await page.close();
});
