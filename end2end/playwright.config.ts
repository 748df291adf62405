import { defineConfig } from '@playwright/test';

// `cargo leptos end-to-end` starts the server on 127.0.0.1:3000 and then runs `npx playwright test`
// here, so there is no `webServer` entry. Chromium is Debian's: Playwright never downloads a browser.
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    // Another address when several servers run side by side (a helper's worktree, say).
    baseURL: process.env.TENANTRY_E2E_BASE_URL || 'http://localhost:3000',
    launchOptions,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'hydrated', use: { javaScriptEnabled: true } },
    { name: 'no-js', use: { javaScriptEnabled: false } },
  ],
});
