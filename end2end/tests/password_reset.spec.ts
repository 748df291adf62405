import { expect, test } from '@playwright/test';

import { checkPage, instanceUrl, login, orderTrial, readResetMail, waitForHydration, watchErrors } from './helpers';

// A tenant admin who forgot the password asks for a link on the instance's login page (by
// keyboard), opens the mailed link, sets a new password and logs in with it; on the account page
// they change it again; the used link is refused the second time. The pages are checked with axe
// and pictured at 1280 px and 390 px, with and without JavaScript.
test('a tenant admin who forgot the password sets a new one from the mailed link', async ({ browser, page }, testInfo) => {
  test.setTimeout(120_000);
  const js = testInfo.project.use.javaScriptEnabled !== false;
  const instance = `pw-${js ? 'h' : 'n'}${Date.now().toString(36)}`;
  const email = `${instance}@example.com`;
  const problems = watchErrors(page, /panicked|hydration/i);
  await orderTrial(browser, testInfo, instance);

  await page.goto(`${instanceUrl(instance)}/login`);
  await waitForHydration(page, js);
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Forgot your password?');
  await waitForHydration(page, js);
  await checkPage(page, 'forgot-password', testInfo);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Email').press('Enter');
  await expect(page.locator('[data-field="sent"]')).toBeVisible();

  const mail = await readResetMail(instance);
  const link = /https?:\/\/\S+\/reset-password\?code=[A-Za-z0-9]+/.exec(mail.body)?.[0];
  expect(link, mail.body).toBeTruthy();
  await page.goto(link!);
  await waitForHydration(page, js);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set a new password');
  await checkPage(page, 'reset-password', testInfo);
  await page.getByLabel('New password (at least 10 characters)').fill('a-brand-new-pass');
  await page.getByRole('button', { name: 'Set the password' }).click();
  await expect(page).toHaveURL(/\/login\?reset=1$/);
  await expect(page.locator('[data-field="reset"]')).toBeVisible();
  await waitForHydration(page, js);
  await login(page, email, 'a-brand-new-pass');
  await expect(page).toHaveURL(`${instanceUrl(instance)}/portal`);

  // The account page: change the password again, by keyboard.
  await page.getByRole('link', { name: 'Password' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account');
  await waitForHydration(page, js);
  await expect(page.locator('[data-field="email"]')).toHaveText(email);
  await checkPage(page, 'account', testInfo);
  await page.getByLabel('Current password').fill('a-brand-new-pass');
  await page.getByLabel('New password (at least 10 characters)').fill('another-new-pass');
  await page.getByLabel('New password (at least 10 characters)').press('Enter');
  await expect(page.locator('[data-field="changed"]')).toBeVisible();

  // The link works once.
  await page.goto(link!);
  await waitForHydration(page, js);
  await page.getByLabel('New password (at least 10 characters)').fill('yet-another-pass');
  await page.getByRole('button', { name: 'Set the password' }).click();
  await expect(page.getByText('This link has expired or was already used.')).toBeVisible();

  expect(problems, problems.join('\n')).toEqual([]);
});
