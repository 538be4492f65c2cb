import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE, login, screenshot, usePagePerTest } from './browser.ts';
import { E2E_DEMO_PASSWORD } from './global-setup.ts';

const currentPage = usePagePerTest(PHONE);

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('a sales manager on a 375 px phone', () => {
  it('signs in, opens the menu, sees only the team in the user list, without horizontal scrolling', async () => {
    const page = currentPage();
    await login(page, 'mgr.east', E2E_DEMO_PASSWORD);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.getByTestId('mobile-menu-button').click();
    await page.getByTestId('nav-menu').getByText('用户管理').click();
    await page.waitForURL('**/admin/users**');
    const list = page.getByTestId('users-list');
    await expect.poll(() => list.textContent()).toContain('rep.east5');
    const text = (await list.textContent()) ?? '';
    expect(text).not.toContain('rep.north1');
    expect(text).not.toContain('admin');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-users');

    await page.goto('/profile');
    await expect.poll(() => page.getByTestId('form-submit').first().isVisible()).toBe(true);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-profile');
  });
});
