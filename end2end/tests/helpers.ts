import { execFileSync } from 'child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page, type TestInfo } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The storefront's own address (the server cargo-leptos starts, or TENANTRY_E2E_BASE_URL's). */
export const STOREFRONT = process.env.TENANTRY_E2E_BASE_URL || 'http://localhost:3000';

/** The public address of an instance: `<name>.localhost:<port>` (Chromium resolves *.localhost itself). */
export function instanceUrl(name: string): string {
  return STOREFRONT.replace('://localhost', `://${name}.localhost`);
}

/** An environment variable the test cannot run without, with a clear message when it is missing. */
export function requiredEnv(name: string, why: string): string {
  const value = process.env[name];
  if (!value || value.trim() === '') {
    throw new Error(`${name} is not set: ${why}. Run the tests through \`cargo leptos end-to-end\` with ${name} exported.`);
  }
  return value;
}

/**
 * Waits until the page's WASM bundle has been fetched and the network has settled, i.e. the
 * page has hydrated and its event handlers are live. Does nothing when JavaScript is disabled.
 */
export async function waitForHydration(page: Page, javaScriptEnabled: boolean): Promise<void> {
  if (!javaScriptEnabled) return;
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(
    () => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).some((e) => e.name.endsWith('.wasm')),
    undefined,
    { timeout: 20_000 },
  );
  await page.waitForLoadState('networkidle');
}

/**
 * Collects the page's uncaught errors and the console errors matching `only` (every console error
 * by default): a panic in the WASM, a failed hydration or a chunk that did not load.
 */
export function watchErrors(page: Page, only: RegExp = /./): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && only.test(m.text())) {
      const url = m.location().url;
      problems.push(url ? `${m.text()} (${url})` : m.text());
    }
  });
  return problems;
}

/** Fills the login form on the current page and submits it. */
export async function login(page: Page, email: string, password: string): Promise<void> {
  const form = page.locator('form').filter({ has: page.locator('input[name="password"]') });
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(password);
  await form.getByRole('button', { name: 'Log in' }).click();
}

/** Undoes a quoted-printable transfer encoding (soft line breaks and =XX escapes, UTF-8). */
export function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i];
    const hex = joined.slice(i + 1, i + 3);
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`) in a header value. */
function decodeHeaderWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_all, _charset, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  );
}

/** A message from the outbox: its headers (unfolded, decoded) and its decoded text body. */
export interface Mail {
  file: string;
  headers: string;
  body: string;
}

/** Parses one `.eml` file written by lettre's file transport (a single text part). */
export function parseEml(file: string, raw: string): Mail {
  const split = raw.search(/\r?\n\r?\n/);
  const rawHeaders = split < 0 ? raw : raw.slice(0, split);
  const rawBody = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = decodeHeaderWords(rawHeaders.replace(/\r?\n[ \t]+/g, ' '));
  const encoding = /^content-transfer-encoding:\s*([^\s;]+)/im.exec(headers)?.[1]?.toLowerCase() ?? '7bit';
  let body: string;
  if (encoding === 'quoted-printable') {
    body = decodeQuotedPrintable(rawBody);
  } else if (encoding === 'base64') {
    body = Buffer.from(rawBody.replace(/\s+/g, ''), 'base64').toString('utf8');
  } else {
    body = rawBody;
  }
  return { file, headers, body: body.replace(/\r\n/g, '\n') };
}

/**
 * Waits (up to `timeoutMs`) for the welcome mail that mentions `instanceName` to appear in the
 * outbox folder named by TENANTRY_OUTBOX_DIR, and returns it decoded.
 */
export async function readWelcomeMail(instanceName: string, timeoutMs = 10_000): Promise<Mail> {
  return readMail(instanceName, 'is ready', timeoutMs);
}

/** Reads the mail that asks to confirm a trial's email address, with its link. */
export async function readConfirmationMail(instanceName: string, timeoutMs = 10_000): Promise<Mail> {
  return readMail(instanceName, 'Confirm your email', timeoutMs);
}

/** Reads the mail with the bank-transfer details of an order. */
export async function readPaymentMail(instanceName: string, timeoutMs = 10_000): Promise<Mail> {
  return readMail(instanceName, 'payment details', timeoutMs);
}

/** Reads the mail with a link to set a new password, sent to the instance's admin. */
export async function readResetMail(instanceName: string, timeoutMs = 10_000): Promise<Mail> {
  return readMail(instanceName, 'Set a new Tenantry password', timeoutMs);
}

/** Reads the mail that invites someone to an instance, with its link. */
export async function readInvitationMail(instanceName: string, timeoutMs = 10_000): Promise<Mail> {
  return readMail(instanceName, 'You are invited to', timeoutMs);
}

/**
 * Runs SQL on the end-to-end server's SQLite database (TENANTRY_DATA_DIR/tenantry.db). The server
 * runs on the real clock, so a test that needs time to pass (a renewal falling due) moves the
 * record's date instead; what happens next is the server's own work.
 */
export function sqlite(sql: string): string {
  const dir = requiredEnv('TENANTRY_DATA_DIR', 'the test moves a subscription\'s date in the server\'s database');
  return execFileSync('sqlite3', ['-cmd', '.timeout 15000', path.join(dir, 'tenantry.db'), sql], { encoding: 'utf8' });
}

/** Waits for the outbox mail whose headers contain `subject` and that mentions the instance. */
async function readMail(instanceName: string, subject: string, timeoutMs: number): Promise<Mail> {
  const outbox = requiredEnv('TENANTRY_OUTBOX_DIR', 'the tests read the welcome email from the server\'s outbox folder');
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  for (;;) {
    const files = fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((f) => f.endsWith('.eml')) : [];
    seen = files.length;
    for (const f of files) {
      const file = path.join(outbox, f);
      const mail = parseEml(file, fs.readFileSync(file, 'utf8'));
      const mentions = mail.headers.includes(instanceName) || mail.body.includes(instanceName);
      if (mentions && mail.headers.includes(subject)) {
        return mail;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`no "${subject}" email mentioning "${instanceName}" in ${outbox} after ${timeoutMs} ms (${seen} .eml files there)`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Fills the order form's visible fields (the instance name is typed separately). */
export async function fillOrderForm(
  page: Page,
  fields: { company: string; contactName: string; email: string; password: string },
): Promise<void> {
  await page.locator('input[name="form[company]"]').fill(fields.company);
  await page.locator('input[name="form[contact_name]"]').fill(fields.contactName);
  await page.locator('input[name="form[email]"]').fill(fields.email);
  await page.locator('input[name="form[password]"]').fill(fields.password);
}

/**
 * Types an instance name and, with JavaScript, waits for the live check to answer with `cls`
 * (`ok` or `taken`) and a message containing `text`. Retyping covers a handler that was not yet
 * attached when the first keystrokes arrived.
 */
export async function typeInstanceName(page: Page, name: string, expectCheck?: { cls: 'ok' | 'taken'; text: string }): Promise<void> {
  const input = page.locator('input[name="form[instance_name]"]');
  if (!expectCheck) {
    await input.fill(name);
    return;
  }
  await expect(async () => {
    await input.fill('');
    await input.pressSequentially(name);
    await expect(page.locator(`p.name-check.${expectCheck.cls}`)).toContainText(expectCheck.text, { timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
}

/**
 * Saves the open page at 1280 px and 390 px into `docs/screenshots/<name>-<width>.png`, the
 * pictures the README shows: every end-to-end run takes them anew, so they never go stale.
 * Only the hydrated project writes them (one picture per page).
 */
export async function readmeShot(page: Page, name: string, testInfo: TestInfo): Promise<void> {
  if (testInfo.project.use.javaScriptEnabled === false) {
    return;
  }
  const dir = path.join(__dirname, '..', '..', 'docs', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  const size = page.viewportSize();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true, animations: 'disabled' });
  }
  if (size) {
    await page.setViewportSize(size);
  }
}

/**
 * Checks the page as people meet it: no axe violation, and a full-page screenshot at 1280 px and
 * at 390 px (phone) in the test's output folder, to look at.
 */
export async function checkPage(page: Page, name: string, testInfo: TestInfo): Promise<void> {
  // axe runs as a script in the page: only where JavaScript runs (the hydrated project).
  if (testInfo.project.use.javaScriptEnabled !== false) {
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  }
  const size = page.viewportSize();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    await page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`), fullPage: true });
  }
  if (size) {
    await page.setViewportSize(size);
  }
}

/**
 * A placed trial waits for its email to be confirmed: the order page says so, and the link in the
 * confirmation mail opens a page whose one button starts the trial (then the order page again).
 */
export async function confirmTrial(page: Page, instanceName: string, testInfo: TestInfo, check = false): Promise<void> {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9]+$/, { timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Confirm your email address' })).toBeVisible();
  await expect(page.locator('[data-status="awaiting_email"]')).toContainText(instanceName);
  if (check) {
    await checkPage(page, 'order-awaiting-email', testInfo);
  }
  const mail = await readConfirmationMail(instanceName);
  const link = mail.body.match(/https?:\/\/\S+\/confirm\?code=[A-Za-z0-9]+/);
  expect(link, `confirmation link in ${mail.file}`).not.toBeNull();
  await page.goto(link![0]);
  await waitForHydration(page, js);
  if (check) {
    await checkPage(page, 'confirm-email', testInfo);
  }
  await page.getByRole('button', { name: 'Confirm and start my trial' }).click();
}

/**
 * Orders a trial of the ERP plan in a browser context of its own (no operator session), confirms
 * it through the mailed link and waits for the instance to be ready: for tests that need an order
 * of their own.
 */
export async function orderTrial(browser: Browser, testInfo: TestInfo, instanceName: string): Promise<void> {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  const context = await browser.newContext({ javaScriptEnabled: js });
  try {
    const page = await context.newPage();
    await page.goto(`${STOREFRONT}/order/erp-trial`);
    await waitForHydration(page, js);
    await fillOrderForm(page, {
      company: `${instanceName} Ltd`,
      contactName: 'Olive Order',
      email: `${instanceName}@example.com`,
      password: 'correct-horse-battery',
    });
    await typeInstanceName(page, instanceName);
    await page.getByRole('button', { name: 'Start free trial' }).click();
    await confirmTrial(page, instanceName, testInfo);
    await expect(page.locator('[data-status="completed"]')).toContainText(instanceName, { timeout: 30_000 });
  } finally {
    await context.close();
  }
}
