import { expect, test } from '@playwright/test';
import {
  STOREFRONT,
  checkPage,
  confirmTrial,
  fillOrderForm,
  instanceUrl,
  login,
  readPaymentMail,
  readmeShot,
  requiredEnv,
  typeInstanceName,
  waitForHydration,
} from './helpers';

// A paid plan, run hydrated and as plain HTML: configure, pay with a test card, open the
// instance and its invoice; then a bank transfer that the operator approves.
test('configure a paid plan, pay by card, then a bank transfer approved by the operator', async ({ page }, testInfo) => {
  const operatorPassword = requiredEnv('TENANTRY_OPERATOR_PASSWORD', 'the operator approves the bank transfer');
  const js = testInfo.project.use.javaScriptEnabled !== false;
  const tag = `${js ? 'h' : 'n'}${Date.now().toString(36)}`;
  const password = 'correct-horse-battery';

  await test.step('the plan card shows every price before ordering', async () => {
    await page.goto('/');
    await waitForHydration(page, js);
    const card = page.locator('article.plan[data-plan="erp-business"]');
    await expect(card.locator('.period-1')).toContainText('€49.00 per month');
    await expect(card.locator('.period-1')).toContainText('Setup fee €99.00');
    await expect(card.locator('.period-1')).toContainText('first payment €148.00 + VAT');
    await expect(card.locator('.period-12')).toBeHidden();
    await expect(card.locator('[data-field="includes"]')).toContainText('Accounting');
    await readmeShot(page, 'storefront', testInfo);
    // The switch is radio buttons the stylesheet reads: it works without JavaScript too.
    await page.locator('label[for="period-switch-12"]').click();
    await expect(card.locator('.period-1')).toBeHidden();
    await expect(card.locator('.period-12')).toContainText('€41.58 per month, billed €499.00 yearly');
    await expect(card.locator('.period-12')).toContainText('You save 15%');
    await card.locator('.period-12').getByRole('link', { name: 'Order or try free' }).click();
    await waitForHydration(page, js);
    await expect(page.locator('select[name="form[period_months]"]')).toHaveValue('12');
    await checkPage(page, 'order-yearly', testInfo);
    await readmeShot(page, 'checkout', testInfo);
  });

  await test.step('configure and pay by card', async () => {
    await page.goto('/order/erp-business');
    await waitForHydration(page, js);
    await page.locator('select[name="form[period_months]"]').selectOption('12');
    await page.locator('input[name="form[extra_users]"]').fill('2');
    await page.locator('input[name="form[addons][support-247]"]').check();
    await page.locator('select[name="form[billing_country]"]').selectOption('DE');
    await page.locator('textarea[name="form[billing_address]"]').fill('Unter den Linden 1\n10117 Berlin');
    if (js) {
      // 12 months 499.00 + 2 users × 4.00 × 12 + support 29.00 × 12 = 943.00, VAT 19 % = 179.17.
      await expect(page.locator('[data-field="total"]')).toHaveText('€1,122.17');
      await expect(page.getByRole('button', { name: 'Pay €1,122.17' })).toBeVisible();
    }
    await page.locator('input[name="form[card_number]"]').fill('4242 4242 4242 4242');
    await page.locator('input[name="form[card_exp_month]"]').fill('12');
    await page.locator('input[name="form[card_exp_year]"]').fill('2030');
    await page.locator('input[name="form[card_cvc]"]').fill('123');
    await fillOrderForm(page, { company: `Paid ${tag} GmbH`, contactName: 'Paula Payer', email: `paid-${tag}@example.com`, password });
    await typeInstanceName(page, `paid-${tag}`);
    await page.getByRole('button', { name: /^Pay €/ }).click();
    if (!js) {
      // Without JavaScript the page learns the total from the server: it shows it, keeps every
      // choice (not the password or the card) and asks to place the order again.
      await expect(page.locator('#form-errors')).toContainText('The total for your choices is €1,122.17');
      await expect(page.locator('[data-field="total"]')).toHaveText('€1,122.17');
      await expect(page.locator('select[name="form[period_months]"]')).toHaveValue('12');
      await page.locator('input[name="form[password]"]').fill(password);
      await page.locator('input[name="form[card_number]"]').fill('4242 4242 4242 4242');
      await page.locator('input[name="form[card_exp_month]"]').fill('12');
      await page.locator('input[name="form[card_exp_year]"]').fill('2030');
      await page.locator('input[name="form[card_cvc]"]').fill('123');
      await page.getByRole('button', { name: 'Pay €1,122.17' }).click();
    }
    await expect(page.getByRole('heading', { name: 'Your instance is ready' })).toBeVisible({ timeout: 30_000 });
    // The page followed provisioning: every step of the plan is done (no demo data on this plan).
    await expect(page.locator('[data-field="steps"] li[data-state="done"]')).toHaveCount(4);
    await expect(page.locator('ol.timeline')).toContainText('Payment received');
  });

  await test.step('the invoice is paid and adds up', async () => {
    await page.locator('[data-field="invoice"]').click();
    await expect(page.locator('[data-field="number"]')).toHaveText(/^INV-\d{6}$/);
    await expect(page.locator('[data-field="status"]')).toContainText('Paid on');
    await expect(page.locator('[data-field="total"]')).toHaveText('€1,122.17');
    await expect(page.locator('[data-field="bill-to"]')).toContainText('10117 Berlin');
    // The PDF is the same invoice, served from the link.
    const pdfHref = await page.locator('[data-field="pdf"]').getAttribute('href');
    const pdf = await page.request.get(new URL(pdfHref ?? '', page.url()).toString());
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await checkPage(page, 'invoice', testInfo);
    await readmeShot(page, 'invoice', testInfo);
  });

  await test.step('the instance opens for its admin', async () => {
    const url = instanceUrl(`paid-${tag}`);
    await page.goto(`${url}/login`);
    await waitForHydration(page, js);
    await login(page, `paid-${tag}@example.com`, password);
    await expect(page).toHaveURL(`${url}/portal`);
    await expect(page.locator('[data-field="plan"]')).toContainText('ERP Business');
    await expect(page.locator('[data-field="state"]')).toContainText('Active');
  });

  await test.step('the admin previews and confirms an upgrade in the portal', async () => {
    const url = instanceUrl(`paid-${tag}`);
    await page.getByRole('link', { name: 'Subscription and changes' }).click();
    await expect(page).toHaveURL(`${url}/portal/subscription`);
    await waitForHydration(page, js);
    await expect(page.locator('[data-field="renewal"]')).toContainText('Renews on');
    await page.locator('select[name="form[plan]"]').selectOption('erp-enterprise');
    await page.getByRole('button', { name: 'Preview the change' }).click();
    await expect(page.locator('[data-field="preview"] h3')).toHaveText('Upgrade');
    await expect(page.locator('[data-field="preview"]')).toContainText('Unused time on your current subscription');
    await page.getByRole('button', { name: /^Confirm and pay \d+\.\d{2} EUR$/ }).click();
    await expect(page.getByRole('heading', { name: 'Upgrade done' })).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('[data-field="invoice"]')).toBeVisible();
    await page.getByRole('link', { name: 'Back to your subscription' }).click();
    await expect(page.locator('[data-field="plan"]')).toHaveText('ERP Enterprise');
    await expect(page.locator('table.orders')).toContainText('Completed');
    // The portal lists the tenant's invoices, each with its PDF.
    await expect(page.locator('table.invoices tbody tr')).toHaveCount(2);
    const pdfLink = page.locator('table.invoices a[download]').first();
    const pdf = await page.request.get(new URL((await pdfLink.getAttribute('href')) ?? '', page.url()).toString());
    expect(pdf.headers()['content-type']).toBe('application/pdf');
  });

  await test.step('a business in another EU country sees reverse charge before ordering', async () => {
    if (!js) {
      return; // the live summary needs JavaScript; the server side is tested in invoices.rs
    }
    await page.goto('/order/erp-business');
    await waitForHydration(page, js);
    await page.locator('select[name="form[billing_country]"]').selectOption('FR');
    await expect(page.locator('[data-field="total"]')).toHaveText('€177.60'); // 148.00 + 20 %
    await page.locator('input[name="form[vat_id]"]').fill('FR40303265045');
    await expect(page.locator('[data-field="total"]')).toHaveText('€148.00');
    await expect(page.locator('[data-field="reverse-charge"]')).toBeVisible();
  });

  await test.step('a declined card is refused on the form', async () => {
    await page.goto('/order/erp-business');
    await waitForHydration(page, js);
    await page.locator('textarea[name="form[billing_address]"]').fill('Declined Street 2');
    await page.locator('input[name="form[card_number]"]').fill('4000 0000 0000 0002');
    await page.locator('input[name="form[card_exp_month]"]').fill('12');
    await page.locator('input[name="form[card_exp_year]"]').fill('2030');
    await page.locator('input[name="form[card_cvc]"]').fill('123');
    await fillOrderForm(page, { company: `Declined ${tag}`, contactName: 'Dee Clined', email: `declined-${tag}@example.com`, password });
    await typeInstanceName(page, `declined-${tag}`);
    await page.getByRole('button', { name: /^Pay €/ }).click();
    // The error is summed up at the top and shown under the card number, which takes the focus.
    await expect(page.locator('#form-errors')).toContainText('declined');
    const cardNumber = page.locator('#field-card-number');
    await expect(cardNumber).toHaveAttribute('aria-invalid', 'true');
    await expect(cardNumber).toHaveAttribute('aria-describedby', 'field-card-number-error');
    await expect(page.locator('#field-card-number-error')).toContainText('declined');
    await expect(cardNumber).toBeFocused();
  });

  await test.step('the same plan started as a free trial', async () => {
    await page.goto('/order/erp-business');
    await waitForHydration(page, js);
    await page.locator('input[name="form[offer]"][value="trial"]').check();
    if (js) {
      await expect(page.locator('select[name="form[period_months]"]')).toBeHidden();
    }
    await fillOrderForm(page, { company: `Trial ${tag} Ltd`, contactName: 'Tess Trial', email: `trial-${tag}@example.com`, password });
    await typeInstanceName(page, `trial-${tag}`);
    await page.getByRole('button', { name: 'Start free trial' }).click();
    await confirmTrial(page, `trial-${tag}`, testInfo);
    await expect(page.getByRole('heading', { name: 'Your instance is ready' })).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('[data-status="completed"]')).toContainText('free trial');
  });

  await test.step('bank transfer: reserved, then approved by the operator', async () => {
    await page.goto('/order/erp-business');
    await waitForHydration(page, js);
    await page.locator('input[name="form[payment_method]"][value="bank_transfer"]').check();
    await page.locator('textarea[name="form[billing_address]"]').fill('Damrak 1\n1012 LG Amsterdam');
    await fillOrderForm(page, { company: `Bank ${tag} BV`, contactName: 'Bert Bank', email: `bank-${tag}@example.com`, password });
    await typeInstanceName(page, `bank-${tag}`);
    await page.getByRole('button', { name: /^Order and pay €[\d,.]+ by bank transfer$/ }).click();
    // The order page, and the mail, say what to pay, to which account, quoting what, by when.
    await expect(page.locator('[data-field="instructions"]')).toContainText('Please transfer €');
    const transfer = page.locator('[data-field="bank-transfer"]');
    await expect(transfer.locator('[data-field="iban"]')).toHaveText('DE89 3704 0044 0532 0130 00');
    await expect(transfer.locator('[data-field="account-holder"]')).toHaveText('Tenantry Demo GmbH');
    const reference = (await transfer.locator('[data-field="reference"]').textContent()) ?? '';
    expect(reference).toMatch(/^INV-\d{6}$/);
    if (js) {
      await expect(transfer.getByRole('button', { name: 'Copy IBAN' })).toBeVisible();
    } else {
      await expect(transfer.getByRole('button')).toHaveCount(0);
    }
    await checkPage(page, 'bank-transfer-order', testInfo);
    const mail = await readPaymentMail(`bank-${tag}`);
    expect(mail.body).toContain('DE89 3704 0044 0532 0130 00');
    expect(mail.body).toContain(`Reference:       ${reference}`);
    const orderUrl = page.url();

    await page.goto(`${STOREFRONT}/login`);
    await waitForHydration(page, js);
    await login(page, 'operator@tenantry.localhost', operatorPassword);
    await expect(page).toHaveURL(`${STOREFRONT}/operator`);
    await page.goto(`${STOREFRONT}/operator/orders?status=awaiting_approval`);
    await waitForHydration(page, js);
    const row = page.locator(`tr[data-order="bank-${tag}"]`);
    await expect(row).toContainText('Pending · Bank transfer');
    await row.getByRole('button', { name: 'Approve' }).click();
    await expect(page.locator(`tr[data-order="bank-${tag}"]`)).toHaveCount(0, { timeout: 30_000 });

    await page.goto(orderUrl);
    await expect(page.getByRole('heading', { name: 'Your instance is ready' })).toBeVisible();
  });

  await test.step("the operator refunds part of the card-paid invoice on the invoice's page, by keyboard", async () => {
    // The order page lists its invoices; each number leads to the invoice's own page.
    await page.goto(`${STOREFRONT}/operator/orders?status=completed`);
    // The first order (newest first, after the upgrade's), paid by card at checkout.
    await page.locator(`tr[data-order="paid-${tag}"]`).last().locator('td a').first().click();
    await waitForHydration(page, js);
    await page.locator('table.invoices tbody a').first().click();
    await expect(page).toHaveURL(/\/operator\/invoices\/\d+$/);
    await waitForHydration(page, js);
    await expect(page.getByRole('heading', { level: 1, name: 'Invoice' })).toBeVisible();
    await expect(page.locator('[data-field="status"]')).toHaveText('Paid');
    await expect(page.locator('[data-field="total"]')).toHaveText('€1,122.17');
    await expect(page.locator('[data-field="pdf"]')).toHaveAttribute('href', /\/orders\/[A-Za-z0-9]+\/invoice\.pdf$/);
    await expect(page.locator('input[name="amount"]')).toHaveValue('1122.17');
    await checkPage(page, 'op-invoice', testInfo);
    const invoicePage = page.url();

    // Tab reaches the form's fields in order; Enter in the reason sends it.
    const amount = page.locator('input[name="amount"]');
    await page.locator('a[data-field="pdf"]').focus();
    for (let i = 0; i < 30 && !(await amount.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(amount).toBeFocused();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('100.00');
    await page.keyboard.press('Tab');
    await expect(page.locator('select[name="destination"]')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.locator('input[name="reason"]')).toBeFocused();
    await page.keyboard.type('Goodwill for a late setup');
    await page.keyboard.press('Enter');
    const note = page.locator('table.credit-notes tr[data-credit-note]');
    await expect(note).toHaveCount(1);
    await expect(note).toContainText('€100.00');
    await expect(note).toContainText('Goodwill for a late setup');
    await expect(page.locator('p[data-field="refundable"]')).toContainText('€1,022.17 can still be refunded');
    await expect(page.locator('input[name="amount"]')).toHaveValue('1022.17');

    // More than is left: the error shows at the top and nothing changes.
    await page.locator('input[name="amount"]').fill('5000.00');
    await page.locator('input[name="reason"]').fill('Too much');
    await page.getByRole('button', { name: 'Refund and issue a credit note' }).click();
    await expect(page.locator('p.error[role="alert"]')).toContainText('At most €1,022.17 can still be refunded');
    await expect(page.locator('table.credit-notes tr[data-credit-note]')).toHaveCount(1);
    expect(page.url().split('?')[0]).toBe(invoicePage);
    await checkPage(page, 'op-invoice-refunded', testInfo);
  });
});
