import { expect, test } from '@playwright/test';
import { checkPage, waitForHydration } from './helpers';

// The storefront and the checkout in German: chosen with the switcher in the footer (a plain
// form, so without JavaScript too), or taken from the browser's language.
test('a visitor switches to German and back; a German browser gets German', async ({ page, browser }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;

  await test.step('the switcher turns the storefront and the checkout German', async () => {
    await page.goto('/');
    await waitForHydration(page, js);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByRole('heading', { name: 'Tarife vergleichen' })).toBeVisible();
    const card = page.locator('article.plan[data-plan="erp-business"]');
    await expect(card.locator('.period-1')).toContainText('49,00 € pro Monat');
    await expect(card.locator('.period-1')).toContainText('Einrichtungsgebühr 99,00 €');

    await page.goto('/order/erp-business?form[billing_country]=DE');
    await waitForHydration(page, js);
    await expect(page.getByRole('heading', { name: 'ERP Business bestellen' })).toBeVisible();
    await expect(page.locator('[data-field="total"]')).toHaveText('176,12 €'); // 148.00 + 19 %
    await expect(page.getByRole('button', { name: '176,12 € bezahlen' })).toBeVisible();
    await expect(page.locator('[data-field="renewal"]')).toContainText('monatlich');
    await checkPage(page, 'checkout-de', testInfo);

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { name: 'Order ERP Business' })).toBeVisible();
  });

  await test.step('a browser that asks for German gets it without choosing', async () => {
    const german = await browser.newContext({ locale: 'de-DE', javaScriptEnabled: js });
    try {
      const p = await german.newPage();
      await p.goto(page.url().replace(/\/order\/.*$/, '/'));
      await expect(p.locator('html')).toHaveAttribute('lang', 'de');
      await expect(p.getByRole('link', { name: 'Tarife' }).first()).toBeVisible();
    } finally {
      await german.close();
    }
  });
});
