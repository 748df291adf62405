import { expect, test } from '@playwright/test';
import {
  STOREFRONT,
  readmeShot,
  confirmTrial,
  fillOrderForm,
  instanceUrl,
  login,
  readWelcomeMail,
  requiredEnv,
  typeInstanceName,
  waitForHydration,
} from './helpers';

// The whole customer journey, run once with the WASM hydrated and once as plain HTML forms:
// catalog -> order -> order page -> welcome mail -> instance portal -> operator -> name taken.
test('order a trial, receive the mail, use the portal, see it as the operator', async ({ page }, testInfo) => {
  const operatorPassword = requiredEnv('TENANTRY_OPERATOR_PASSWORD', 'the test logs in as the operator');
  const js = testInfo.project.use.javaScriptEnabled !== false;
  const tag = testInfo.project.name === 'no-js' ? 'n' : 'h';
  const stamp = Date.now().toString(36);
  const name = `e2e-${tag}${stamp}`;
  const email = `owner-${tag}${stamp}@example.com`;
  const password = 'correct-horse-battery';
  const url = instanceUrl(name);

  await test.step('catalog: the trial plan leads to its order form', async () => {
    await page.goto('/');
    const card = page.locator('article.plan[data-plan="erp-trial"]');
    await expect(card).toContainText('ERP Free Trial');
    await card.getByRole('link', { name: 'Start free trial' }).click();
    await expect(page).toHaveURL(/\/order\/erp-trial$/);
    await waitForHydration(page, js);
  });

  await test.step('order form: fill it in, with the live name check when hydrated', async () => {
    await fillOrderForm(page, { company: `E2E ${tag} Ltd`, contactName: 'Erin Example', email, password });
    // The name's suffix is the instance's real domain, not a placeholder.
    await expect(page.locator('.instance-input .suffix')).toHaveText(new URL(url).host.replace(name, ''));
    if (js) {
      // The browser checks the name's pattern itself (an invalid pattern would be ignored).
      const input = page.locator('input[name="form[instance_name]"]');
      await input.fill('not a name!');
      expect(await input.evaluate((el) => (el as HTMLInputElement).validity.patternMismatch)).toBe(true);
      await input.fill('a-valid-name');
      expect(await input.evaluate((el) => (el as HTMLInputElement).validity.patternMismatch)).toBe(false);
      await typeInstanceName(page, 'www', { cls: 'taken', text: 'reserved' });
      await typeInstanceName(page, name, { cls: 'ok', text: 'is available' });
    } else {
      await typeInstanceName(page, name);
    }
    await page.getByRole('button', { name: 'Start free trial' }).click();
  });

  await test.step('confirmation: the trial waits for the mailed link, whose page starts it', async () => {
    await confirmTrial(page, name, testInfo, true);
  });

  await test.step('order page: the instance is ready', async () => {
    await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9]+$/, { timeout: 30_000 });
    await expect(page.getByRole('heading', { name: 'Your instance is ready' })).toBeVisible();
    await expect(page.locator('[data-status="completed"]')).toBeVisible();
    await expect(page.locator('[data-status="completed"]')).toContainText(name);
    await expect(page.locator('a.button.primary')).toHaveAttribute('href', `${url}/login`);
  });

  await test.step('welcome mail: written to the outbox with the instance address', async () => {
    const mail = await readWelcomeMail(name);
    expect(mail.body, `welcome mail ${mail.file}`).toContain(url);
    expect(mail.headers, `welcome mail ${mail.file}`).toContain(email);
  });

  await test.step('portal: the instance admin logs in on the instance host', async () => {
    await page.goto(`${url}/`);
    await expect(page).toHaveURL(`${url}/login`);
    await waitForHydration(page, js);
    await login(page, email, password);
    await expect(page).toHaveURL(`${url}/portal`);
    await expect(page.locator('h1')).toHaveText(name);
    await expect(page.locator('[data-field="plan"]')).toContainText('ERP Free Trial');
    await expect(page.locator('[data-field="state"]')).toContainText('Free trial');
    await expect(page.locator('table.users')).toContainText(email);
    await readmeShot(page, 'portal', testInfo);
  });

  await test.step('operator: the new tenant is listed on the trial', async () => {
    await page.goto(`${STOREFRONT}/login`);
    await waitForHydration(page, js);
    await login(page, 'operator@tenantry.localhost', operatorPassword);
    await expect(page).toHaveURL(`${STOREFRONT}/operator`);
    const row = page.locator(`tr[data-tenant="${name}"]`);
    await expect(row).toBeVisible();
    await expect(row).toContainText('Free trial');
    const trials = Number((await page.locator('[data-count="trial"]').innerText()).trim());
    expect(trials).toBeGreaterThanOrEqual(1);
  });

  await test.step('order form: the same instance name is now refused', async () => {
    await page.goto(`${STOREFRONT}/order/erp-trial`);
    await waitForHydration(page, js);
    await fillOrderForm(page, {
      company: `E2E ${tag} Again Ltd`,
      contactName: 'Erin Again',
      email: `again-${tag}${stamp}@example.com`,
      password,
    });
    await typeInstanceName(page, name, js ? { cls: 'taken', text: 'already taken' } : undefined);
    await page.getByRole('button', { name: 'Start free trial' }).click();
    const alert = page.locator('#form-errors');
    await expect(alert).toContainText('already taken');
    // ...and next to the name, which takes the focus.
    const nameInput = page.locator('#field-instance-name');
    await expect(nameInput).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#field-instance-name-error')).toContainText('already taken');
    await expect(nameInput).toBeFocused();
    await expect(page).toHaveURL(/\/order\/erp-trial/);
    if (!js) {
      // Without JS the server sends the browser back to the form, keeping what was typed
      // (every field but the password).
      await expect(page.locator('input[name="form[email]"]')).toHaveValue(`again-${tag}${stamp}@example.com`);
      await expect(page.locator('input[name="form[instance_name]"]')).toHaveValue(name);
    }
  });
});
