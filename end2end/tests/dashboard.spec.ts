import { expect, test } from '@playwright/test';

import { STOREFRONT, checkPage, login, orderTrial, readmeShot, requiredEnv, waitForHydration, watchErrors } from './helpers';

// The operator's dashboard, with JavaScript and without: revenue, billing, tenants, charts drawn
// on the server with their tables, the period chosen by keyboard, a bad period refused, a new
// order showing on the open dashboard by itself (hydrated), the tenant list searched, and the
// exchange rates that add every currency together. Each page is checked with axe and pictured at
// 1280 px and 390 px.
test('the operator watches the business on the dashboard', async ({ browser, page }, testInfo) => {
  test.setTimeout(240_000);
  const operatorPassword = requiredEnv('TENANTRY_OPERATOR_PASSWORD', 'the operator logs in');
  const js = testInfo.project.use.javaScriptEnabled !== false;
  const instance = `dash-${js ? 'h' : 'n'}${Date.now().toString(36)}`;
  const problems = watchErrors(page, /panicked|hydration/i);

  await page.goto(`${STOREFRONT}/login`);
  await waitForHydration(page, js);
  await login(page, 'operator@tenantry.localhost', operatorPassword);
  await expect(page).toHaveURL(`${STOREFRONT}/operator`);
  await waitForHydration(page, js);

  await test.step('every section renders, charts with their tables', async () => {
    for (const name of ['Action needed', 'Latest events', 'Revenue', 'Trends', 'Billing', 'Tenants']) {
      await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^${name}`) })).toBeVisible();
    }
    await expect(page.locator('figure[data-chart="tenants"] svg')).toBeVisible();
    await expect(page.locator('figure[data-chart="trials"] svg')).toBeVisible();
    await expect(page.locator('[data-count="live"]')).toBeVisible();
    await checkPage(page, 'dashboard', testInfo);
  });

  await test.step('the period is chosen by keyboard; a bad one is refused', async () => {
    await page.getByRole('link', { name: '3 months' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`${STOREFRONT}/operator?months=3`);
    await expect(page.getByRole('link', { name: '3 months' })).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('figure[data-chart="trials"] tbody tr')).toHaveCount(3);
    await page.goto(`${STOREFRONT}/operator?months=7`);
    await expect(page.getByText('Show 3, 12 or 24 months, not 7.')).toBeVisible();
  });

  await test.step('a new order shows on the open dashboard', async () => {
    await page.goto(`${STOREFRONT}/operator`);
    await waitForHydration(page, js);
    await orderTrial(browser, testInfo, instance);
    const row = page.locator(`tr[data-tenant="${instance}"]`);
    if (js) {
      // No reload: the server's event makes the page read itself again.
      await expect(row).toBeVisible({ timeout: 2_000 });
    } else {
      await page.reload();
      await expect(row).toBeVisible();
    }
    await expect(page.locator('.feed-list')).toContainText(instance);
  });

  await test.step('the tenant list finds the tenant', async () => {
    await page.goto(`${STOREFRONT}/operator/tenants`);
    await waitForHydration(page, js);
    await page.getByLabel('Search').fill(instance);
    await page.getByLabel('Search').press('Enter');
    await expect(page).toHaveURL(new RegExp(`/operator/tenants\\?q=${instance}`));
    await expect(page.locator(`tr[data-tenant="${instance}"]`)).toBeVisible();
    await expect(page.locator('[data-total]')).toHaveText('1 tenant');
    await checkPage(page, 'operator-tenants', testInfo);
  });

  await test.step('exchange rates add every currency together', async () => {
    await page.goto(`${STOREFRONT}/operator/exchange-rates`);
    await waitForHydration(page, js);
    await page.getByLabel('Reporting currency').fill('EUR');
    await page.getByRole('button', { name: 'Set' }).click();
    await expect(page.getByRole('heading', { name: 'Rates into EUR' })).toBeVisible();
    await page.getByLabel('Currency', { exact: true }).fill('USD');
    await page.getByLabel('Holds from').fill('2020-01-01');
    await page.getByLabel('EUR for one unit').fill('abc');
    await page.getByRole('button', { name: 'Save rate' }).click();
    await expect(page.getByText('is not a rate')).toBeVisible();
    await page.getByLabel('Currency', { exact: true }).fill('USD');
    await page.getByLabel('Holds from').fill('2020-01-01');
    await page.getByLabel('EUR for one unit').fill('0.92');
    await page.getByRole('button', { name: 'Save rate' }).click();
    await expect(page.locator('tr[data-currency="USD"]')).toContainText('0.92');
    await checkPage(page, 'exchange-rates', testInfo);
  });

  await test.step('the README pictures the dashboard with this run\'s orders', async () => {
    await page.goto(`${STOREFRONT}/operator`);
    await waitForHydration(page, js);
    await readmeShot(page, 'operator-dashboard', testInfo);
  });

  expect(problems).toEqual([]);
});
