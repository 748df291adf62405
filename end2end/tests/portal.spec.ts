import { expect, test } from '@playwright/test';

import {
  checkPage,
  instanceUrl,
  login,
  orderTrial,
  readInvitationMail,
  requiredEnv,
  sqlite,
  STOREFRONT,
  waitForHydration,
  watchErrors,
} from './helpers';

// A tenant admin runs the account from the portal, with JavaScript and without: converts the free
// trial to a paid plan, invites a billing contact who joins through the mailed link and logs in,
// replaces the card, pays an invoice the card declined, and opens a support ticket the operator
// answers. Every new page is checked with axe and pictured at 1280 px and 390 px.
test('a tenant admin runs the account from the portal', async ({ browser, page }, testInfo) => {
  test.setTimeout(300_000);
  const js = testInfo.project.use.javaScriptEnabled !== false;
  const instance = `pt-${js ? 'h' : 'n'}${Date.now().toString(36)}`;
  const email = `${instance}@example.com`;
  const home = instanceUrl(instance);
  const problems = watchErrors(page, /panicked|hydration/i);
  await orderTrial(browser, testInfo, instance);
  await page.goto(`${home}/login`);
  await waitForHydration(page, js);
  await login(page, email, 'correct-horse-battery');
  await expect(page).toHaveURL(`${home}/portal`);

  // 1. The trial becomes a paid subscription, same instance.
  await page.goto(`${home}/portal/subscription`);
  await waitForHydration(page, js);
  await expect(page.getByRole('heading', { name: 'Keep your instance: subscribe' })).toBeVisible();
  await checkPage(page, 'portal-convert', testInfo);
  await page.getByLabel(/ERP Business, 12 months/).check();
  await page.getByLabel(/^Country/).fill('FR');
  await page.getByLabel('Billing address (street, postal code, city)').fill('1 rue de la Paix\n75002 Paris');
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Month (MM)').fill('12');
  await page.getByLabel('Year (YYYY)').fill('2030');
  await page.getByLabel('CVC').fill('123');
  await page.getByRole('button', { name: 'Subscribe and pay' }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9]+$/);
  await page.goto(`${home}/portal`);
  await expect(page.locator('[data-field="state"]')).toContainText('Active');
  await expect(page.locator('[data-field="plan"]')).toContainText('ERP Business');

  // 2. A billing contact is invited, joins with the mailed link and logs in.
  await page.goto(`${home}/portal/members`);
  await waitForHydration(page, js);
  await expect(page.locator('[data-field="seats"]')).toContainText('1 of');
  await checkPage(page, 'portal-members', testInfo);
  const invitee = `bill-${instance}@example.com`;
  await page.getByLabel('Email', { exact: true }).fill(invitee);
  await page.getByLabel('Role', { exact: true }).selectOption('tenant_billing');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.locator(`[data-invitation="${invitee}"]`)).toBeVisible();
  const mail = await readInvitationMail(instance);
  const link = /https?:\/\/\S+\/invitation\?code=[A-Za-z0-9]+/.exec(mail.body)?.[0];
  expect(link, mail.body).toBeTruthy();
  const other = await browser.newContext({ javaScriptEnabled: js });
  try {
    const joiner = await other.newPage();
    await joiner.goto(link!);
    await waitForHydration(joiner, js);
    await expect(joiner.locator('[data-field="invited"]')).toContainText(`${instance} Ltd`);
    await checkPage(joiner, 'invitation', testInfo);
    await joiner.getByLabel('Your name').fill('Bea Billing');
    await joiner.getByLabel('Password (at least 10 characters)').fill('bea-password-2026');
    await joiner.getByRole('button', { name: 'Join' }).click();
    await expect(joiner).toHaveURL(/\/login\?joined=1$/);
    await waitForHydration(joiner, js);
    await login(joiner, invitee, 'bea-password-2026');
    await expect(joiner).toHaveURL(`${home}/portal`);
    await joiner.goto(`${home}/portal/members`);
    await expect(joiner.getByText('you do not have access to this page')).toBeVisible();
  } finally {
    await other.close();
  }

  // 3. The card is replaced: a new one for renewals, the old one removed.
  await page.goto(`${home}/portal/billing`);
  await waitForHydration(page, js);
  await expect(page.locator('[data-card="4242"]')).toContainText('Charged for renewals');
  await page.getByText('Add a card').click();
  await page.getByLabel('Card number').fill('5555 5555 5555 4444');
  await page.getByLabel('Month (MM)').fill('11');
  await page.getByLabel('Year (YYYY)').fill('2031');
  await page.getByLabel('CVC').fill('321');
  await page.getByRole('button', { name: 'Add the card (renewals are charged to it)' }).click();
  await expect(page.locator('[data-card="4444"]')).toContainText('Charged for renewals');
  await waitForHydration(page, js);
  const old = page.locator('[data-card="4242"]');
  await old.locator('summary', { hasText: 'Remove' }).click();
  await old.getByRole('button', { name: 'Yes, remove the card' }).click();
  await expect(page.locator('[data-card="4242"]')).toHaveCount(0);
  await checkPage(page, 'portal-billing', testInfo);

  // 4. The card declines the renewal (its date moved to now: the server runs on the real clock);
  //    the admin pays the open invoice with a new card and the instance is active again.
  sqlite(`UPDATE payment_methods SET token = replace(token, '_ok', '_nsf') WHERE customer_id = (SELECT customer_id FROM tenants WHERE name = '${instance}');
          UPDATE subscriptions SET period_end = strftime('%Y-%m-%dT%H:%M:%S.000000Z', 'now', '-1 minute') WHERE tenant_id = (SELECT id FROM tenants WHERE name = '${instance}');`);
  await expect(async () => {
    await page.goto(`${home}/portal/billing`);
    await expect(page.getByRole('button', { name: /^Pay .* now$/ }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await waitForHydration(page, js);
  await checkPage(page, 'portal-billing-open', testInfo);
  await page.getByText('Pay with a new card').click();
  const form = page.locator('details.new-card').first();
  await form.getByLabel('Card number').fill('4242 4242 4242 4242');
  await form.getByLabel('Month (MM)').fill('12');
  await form.getByLabel('Year (YYYY)').fill('2032');
  await form.getByLabel('CVC').fill('123');
  await form.getByRole('button', { name: /^Pay .* now$/ }).click();
  await expect(page.locator('[data-field="status"]').first()).toHaveText('Paid');
  await expect(page.getByRole('button', { name: /^Pay .* now$/ })).toHaveCount(0);
  await page.goto(`${home}/portal`);
  await expect(page.locator('[data-field="state"]')).toContainText('Active');

  // 5. A support ticket, answered by the operator.
  await page.goto(`${home}/portal/tickets`);
  await waitForHydration(page, js);
  await checkPage(page, 'portal-tickets', testInfo);
  const subject = `Invoice question ${instance}`;
  await page.getByLabel('Subject').fill(subject);
  await page.getByLabel('Category').selectOption('billing');
  await page.getByLabel('Message').fill('Can the invoice show our PO number?');
  await page.getByRole('button', { name: 'Send the ticket' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(subject);
  const ticketUrl = page.url();
  const operator = await browser.newContext({ javaScriptEnabled: js });
  try {
    const op = await operator.newPage();
    await op.goto(`${STOREFRONT}/login`);
    await waitForHydration(op, js);
    await login(op, 'operator@tenantry.localhost', requiredEnv('TENANTRY_OPERATOR_PASSWORD', 'the operator answers'));
    await expect(op).toHaveURL(`${STOREFRONT}/operator`);
    await op.goto(`${STOREFRONT}/operator/tickets`);
    await op.getByRole('link', { name: subject }).click();
    await waitForHydration(op, js);
    await checkPage(op, 'operator-ticket', testInfo);
    await op.getByLabel("Reply (mailed to the tenant's admins)").fill('Yes: add it to your billing details.');
    await op.getByRole('button', { name: 'Send the reply' }).click();
    await expect(op.getByText('Yes: add it to your billing details.')).toBeVisible();
  } finally {
    await operator.close();
  }
  await page.goto(ticketUrl);
  await waitForHydration(page, js);
  await expect(page.getByText('Yes: add it to your billing details.')).toBeVisible();
  await checkPage(page, 'portal-ticket', testInfo);

  expect(problems, problems.join('\n')).toEqual([]);
});
