import { expect, test } from '@playwright/test';

import { STOREFRONT, checkPage, instanceUrl, login, orderTrial, requiredEnv, waitForHydration, watchErrors } from './helpers';

// The operator acts on a tenant from its page, with JavaScript and without: suspend it with a
// reason (its host then tells its users why), resume it, extend its trial, and rehearse a copy of
// it forward; the storefront's dunning schedule and the coupons page render. Each page is checked
// with axe and pictured at 1280 px and 390 px.
test('the operator suspends, resumes and extends a tenant; its host says why it is paused', async ({ browser, page }, testInfo) => {
  test.setTimeout(180_000);
  const operatorPassword = requiredEnv('TENANTRY_OPERATOR_PASSWORD', 'the operator logs in');
  const js = testInfo.project.use.javaScriptEnabled !== false;
  const instance = `life-${js ? 'h' : 'n'}${Date.now().toString(36)}`;
  const problems = watchErrors(page, /panicked|hydration/i);

  await orderTrial(browser, testInfo, instance);
  await page.goto(`${STOREFRONT}/login`);
  await waitForHydration(page, js);
  await login(page, 'operator@tenantry.localhost', operatorPassword);
  await expect(page).toHaveURL(`${STOREFRONT}/operator`);

  await test.step('the dashboard leads to the tenant page', async () => {
    await page.locator(`tr[data-tenant="${instance}"] td a`).first().click();
    await waitForHydration(page, js);
    await expect(page.getByRole('heading', { level: 1, name: 'Tenant' })).toBeVisible();
    await expect(page.locator('[data-field="state"]')).toHaveText('Free trial');
    await expect(page.locator('tr[data-event="provisioned"]')).toBeVisible();
    await checkPage(page, 'op-tenant', testInfo);
  });

  const tenantPage = page.url();
  const form = (action: string) => page.locator('form.tenant-action').filter({ has: page.locator(`input[name="action"][value="${action}"]`) });

  await test.step('suspended with a reason, by keyboard', async () => {
    const suspend = form('suspend');
    await suspend.locator('input[name="reason"]').fill('Abuse report 42');
    await suspend.locator('input[name="reason"]').press('Enter');
    await expect(page.locator('[data-field="state"]')).toHaveText('Suspended');
    await expect(page.locator('tr[data-event="suspended"]')).toContainText('Abuse report 42');
    await expect(page.locator('tr[data-event="suspended"] [data-actor]')).toContainText('Operator');
  });

  await test.step("the instance's host tells its users why", async () => {
    await page.goto(`${instanceUrl(instance)}/`);
    await expect(page).toHaveURL(`${instanceUrl(instance)}/paused`);
    await waitForHydration(page, js);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${instance} is paused`);
    await expect(page.locator('[data-field="why"]')).toContainText("paused by the service's operator");
    await expect(page.getByRole('link', { name: 'Open the portal' })).toBeVisible();
    await checkPage(page, 'paused', testInfo);
  });

  await test.step('resumed, then its trial extended', async () => {
    await page.goto(tenantPage);
    await waitForHydration(page, js);
    const resume = form('resume');
    await resume.locator('input[name="reason"]').fill('Resolved with the customer');
    await resume.getByRole('button', { name: 'Resume' }).click();
    await expect(page.locator('[data-field="state"]')).toHaveText('Free trial');
    const before = await page.locator('[data-field="trial-ends"]').innerText();
    const extend = form('extend');
    await extend.locator('input[name="days"]').fill('14');
    await extend.locator('input[name="reason"]').fill('Evaluation takes longer');
    await extend.getByRole('button', { name: 'Extend' }).click();
    await expect(page.locator('tr[data-event="extended"]')).toContainText('extended by 14 days');
    await expect(page.locator('[data-field="trial-ends"]')).not.toHaveText(before);
    // A wrong number is refused, and nothing changes.
    await form('extend').locator('input[name="reason"]').fill('Too long');
    await form('extend').locator('input[name="days"]').fill('400');
    if (!js) {
      // The browser's own check stops the form in a hydrated page too; without JavaScript, the
      // server's answer is what the customer sees.
      await form('extend').locator('input[name="days"]').evaluate((el) => el.removeAttribute('max'));
      await form('extend').getByRole('button', { name: 'Extend' }).click();
      await expect(page.getByText('Extend by 1 to 366 days.')).toBeVisible();
    }
  });

  await test.step("a rehearsal runs a copy of the tenant forward; the tenant is untouched", async () => {
    await page.goto(tenantPage);
    await waitForHydration(page, js);
    await page.getByRole('button', { name: 'Rehearse billing' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Rehearsal' })).toBeVisible();
    await expect(page).toHaveURL(/\/operator\/rehearsals\/\d+/);
    await waitForHydration(page, js);
    const clock = page.locator('[data-field="rehearsal-now"]');
    const started = await clock.innerText();
    await page.getByRole('button', { name: 'To the next event' }).click();
    await expect(clock).not.toHaveText(started);
    await expect(page.locator('tr[data-kind="mail"]').first()).toContainText(`Your free trial of ${instance} ends on`);
    await checkPage(page, 'op-rehearsal', testInfo);
    // By keyboard: a day on.
    const moved = await clock.innerText();
    await page.getByRole('button', { name: '+1 day' }).focus();
    await page.keyboard.press('Enter');
    await expect(clock).not.toHaveText(moved);
    // The real tenant is as it was, and lists its rehearsal.
    await page.goto(tenantPage);
    await waitForHydration(page, js);
    await expect(page.locator('[data-field="state"]')).toHaveText('Free trial');
    await expect(page.locator('ul.rehearsals li')).toHaveCount(1);
  });

  await test.step('the dunning schedule and the coupons', async () => {
    await page.goto(`${STOREFRONT}/operator/storefronts`);
    await waitForHydration(page, js);
    const dunning = page.locator('details.storefront-dunning').first();
    await dunning.locator('summary').click();
    await expect(dunning.locator('input[name="form[retry_days]"]')).toHaveValue('1, 3, 5, 7');
    await checkPage(page, 'op-storefront-dunning', testInfo);
    await page.goto(`${STOREFRONT}/operator/coupons`);
    await waitForHydration(page, js);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await checkPage(page, 'op-coupons', testInfo);
  });

  expect(problems, problems.join('\n')).toEqual([]);
});
