import { expect, test, type Page } from '@playwright/test';

import { STOREFRONT, login, requiredEnv, waitForHydration, watchErrors } from './helpers';

/** The WASM files the page requests from now on: paths under /pkg. */
function wasmRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.wasm')) seen.push(path);
  });
  return seen;
}

/** Whether a chunk of this name (`split_<lazy function>_...`, app/src/lazy_routes.rs) was requested. */
function loaded(wasm: string[], chunk: string): boolean {
  return wasm.some((p) => p.includes(`/split_${chunk}_`));
}

// The storefront's catalog downloads the main bundle only; the login's and the operator's pages
// fetch their audience's chunk when the first of them is opened, by a link (client-side
// navigation) or by loading its address, and hydrate without an error either way.
test('the storefront loads no chunk; the login and operator pages load theirs and hydrate', async ({ page }, testInfo) => {
  test.skip(testInfo.project.use.javaScriptEnabled === false, 'chunks are loaded by the WASM');
  const operatorPassword = requiredEnv('TENANTRY_OPERATOR_PASSWORD', 'the operator logs in');
  const problems = watchErrors(page);
  const wasm = wasmRequests(page);

  await test.step('the storefront page requests the main bundle only', async () => {
    await page.goto(`${STOREFRONT}/`);
    await waitForHydration(page, true);
    await expect(page.locator('article.plan').first()).toBeVisible();
    expect(wasm, wasm.join('\n')).toHaveLength(1);
    expect(wasm[0]).toMatch(/^\/pkg\/tenantry\.[^/]*wasm$/);
  });

  await test.step('the login loads its chunk, no operator one; then the operator pages load theirs', async () => {
    await page.locator('header.site-header').getByRole('link', { name: 'Log in' }).click();
    await expect(page).toHaveURL(`${STOREFRONT}/login`);
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    expect(loaded(wasm, 'login_page'), wasm.join('\n')).toBe(true);
    expect(loaded(wasm, 'operator_pages') || loaded(wasm, 'portal_pages'), wasm.join('\n')).toBe(false);
    await login(page, 'operator@tenantry.localhost', operatorPassword);
    await expect(page).toHaveURL(`${STOREFRONT}/operator`);
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    expect(loaded(wasm, 'operator_pages'), wasm.join('\n')).toBe(true);
    // The next operator page is in the chunk already loaded.
    const before = wasm.length;
    await page.getByRole('link', { name: 'Fraud rules' }).click();
    await expect(page).toHaveURL(`${STOREFRONT}/operator/fraud`);
    await expect(page.getByRole('heading', { level: 1, name: 'Fraud screening' })).toBeVisible();
    expect(wasm.slice(before)).toEqual([]);
    expect(loaded(wasm, 'portal_pages'), wasm.join('\n')).toBe(false);
  });

  await test.step('an operator page opened by its address hydrates with its chunk', async () => {
    wasm.length = 0;
    await page.goto(`${STOREFRONT}/operator/catalog`);
    await waitForHydration(page, true);
    expect(loaded(wasm, 'operator_pages'), wasm.join('\n')).toBe(true);
    // Hydrated: the router handles the link, without a new page load.
    const requests = wasm.length;
    await page.getByRole('link', { name: 'Products' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible();
    expect(wasm.slice(requests)).toEqual([]);
  });

  expect(problems, problems.join('\n')).toEqual([]);
});
