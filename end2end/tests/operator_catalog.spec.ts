import { expect, test } from '@playwright/test';

import { STOREFRONT, login, orderTrial, requiredEnv, waitForHydration, watchErrors } from './helpers';

// Every operator page renders, hydrates without a panic and answers a form action, with
// JavaScript and without.
test('the operator catalog pages work and a module is created and published', async ({ browser, page }, testInfo) => {
  const operatorPassword = requiredEnv('TENANTRY_OPERATOR_PASSWORD', 'the operator logs in');
  const js = testInfo.project.use.javaScriptEnabled !== false;
  const tag = `${js ? 'h' : 'n'}${Date.now().toString(36)}`;
  const problems = watchErrors(page, /panicked|hydration/i);

  await page.goto(`${STOREFRONT}/login`);
  await waitForHydration(page, js);
  await login(page, 'operator@tenantry.localhost', operatorPassword);
  await expect(page).toHaveURL(`${STOREFRONT}/operator`);

  await test.step('every editor page renders', async () => {
    const pages: [string, string][] = [
      ['/operator/catalog', 'Catalog'],
      ['/operator/catalog/products', 'Products'],
      ['/operator/catalog/modules', 'Modules'],
      ['/operator/catalog/verticals', 'Verticals'],
      ['/operator/catalog/resources', 'Resources'],
      ['/operator/catalog/templates', 'Service templates'],
      ['/operator/catalog/addons', 'Add-ons'],
      ['/operator/storefronts', 'Storefronts'],
      ['/operator/tax-rates', 'Tax rates'],
      ['/operator/fraud', 'Fraud screening'],
    ];
    for (const [path, heading] of pages) {
      await page.goto(`${STOREFRONT}${path}`);
      await waitForHydration(page, js);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    }
    await page.goto(`${STOREFRONT}/operator/catalog`);
    await page.locator('tr[data-plan="erp-business"] a').first().click();
    await waitForHydration(page, js);
    await expect(page.getByRole('heading', { level: 1, name: 'Plan' })).toBeVisible();
    await page.goto(`${STOREFRONT}/operator/catalog/templates`);
    await page.getByRole('link', { name: 'Edit' }).first().click();
    await waitForHydration(page, js);
    await expect(page.getByRole('heading', { level: 1, name: 'Service template' })).toBeVisible();
  });

  await test.step('an order opens with its history and provisioning steps', async () => {
    // The test orders what it opens, so it runs alone as well as after the other journeys.
    const instance = `op-${tag}`;
    await orderTrial(browser, testInfo, instance);
    await page.goto(`${STOREFRONT}/operator/orders?status=completed`);
    await waitForHydration(page, js);
    await page.locator(`tr[data-order="${instance}"] td a`).first().click();
    await waitForHydration(page, js);
    await expect(page.getByRole('heading', { level: 1, name: 'Order' })).toBeVisible();
    await expect(page.locator('table.events')).toContainText('placed');
    await expect(page.locator('table.steps tr[data-state="done"]').first()).toBeVisible();
  });

  await test.step('create a module, then publish it', async () => {
    await page.goto(`${STOREFRONT}/operator/catalog/modules`);
    await waitForHydration(page, js);
    const code = `m${tag}`;
    await page.getByLabel('Code').fill(code);
    await page.getByLabel('Name').first().fill(`Module ${tag}`);
    await page.getByRole('button', { name: 'Create module' }).click();
    const row = page.locator(`tr[data-code="${code}"]`);
    await expect(row).toContainText('Draft');
    await row.getByRole('button', { name: 'Publish' }).click();
    await expect(page.locator(`tr[data-code="${code}"]`)).toContainText('Published');
  });

  expect(problems, problems.join('\n')).toEqual([]);
});
