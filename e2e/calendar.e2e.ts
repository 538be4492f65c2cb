import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DESKTOP, PHONE, launchBrowser, login, newPage, pickOption, screenshot, usePagePerTest } from './browser.ts';
import { E2E_DEMO_PASSWORD } from './global-setup.ts';

const currentPage = usePagePerTest(DESKTOP);

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Selects the 15th of next month in the open calendar's month grid: a future day, wherever the month starts. */
async function openNextMonthsFifteenth(page: Page): Promise<string> {
  await page.getByTestId('calendar-month').waitFor();
  const heading = await page.getByTestId('calendar-heading').textContent();
  await page.getByTestId('calendar-next').click();
  await expect.poll(() => page.getByTestId('calendar-heading').textContent()).not.toBe(heading);
  const cell = page.locator('[data-testid="calendar-day"]:not(.is-outside)').filter({ hasText: /^15/ }).first();
  const date = await cell.getAttribute('data-date');
  if (!date) throw new Error('no 15th in the grid');
  await cell.click();
  await expect.poll(() => page.url()).toContain(`date=${date}`);
  return date;
}

async function fillTask(page: Page, title: string, kind: string) {
  const form = page.getByTestId('task-form');
  await form.waitFor();
  await form.getByTestId('task-title-input').fill(title);
  await form.getByTestId('task-kind').getByText(kind, { exact: true }).click();
  await page.getByTestId('task-form-submit').click();
  await form.waitFor({ state: 'hidden' });
}

describe('calendar', () => {
  it('a rep creates a planned visit from a day of the calendar, sees it on that day, opens it and completes it', async () => {
    const page = currentPage();
    await login(page, 'rep.east2', E2E_DEMO_PASSWORD);
    await page.goto('/calendar');
    const date = await openNextMonthsFifteenth(page);

    // The panel beside the grid follows the chosen day; its button adds a task on that day.
    await expect.poll(() => page.getByTestId('calendar-day-panel').getAttribute('data-date')).toBe(date);
    await page.getByTestId('calendar-day-panel-add').click();
    // The form starts on the chosen day.
    const due = page.getByTestId('task-form').locator('input[data-testid="task-due"], [data-testid="task-due"] input').first();
    await expect.poll(() => due.inputValue()).toContain(date);
    await fillTask(page, '拜访常州供电公司计量中心，演示新款三相表', '拜访');

    const day = page.locator(`[data-testid="calendar-day"][data-date="${date}"]`);
    const entry = day.getByTestId('calendar-event').filter({ hasText: '拜访常州供电公司计量中心' });
    await expect.poll(() => entry.count()).toBe(1);
    expect(await entry.getAttribute('data-type')).toBe('visit');
    const panel = page.getByTestId('calendar-day-panel');
    await expect.poll(() => panel.textContent()).toContain('拜访常州供电公司计量中心，演示新款三相表');
    await screenshot(page, 'desktop-calendar-month-zh');

    // The week view shows it with its details.
    await page.getByTestId('calendar-view').getByText('周', { exact: true }).click();
    await page.getByTestId('calendar-week').waitFor();
    await expect.poll(() => page.getByTestId('calendar-week').textContent()).toContain('拜访常州供电公司计量中心');
    await screenshot(page, 'desktop-calendar-week-zh');

    await page.getByTestId('calendar-week').getByTestId('calendar-event').filter({ hasText: '拜访常州供电公司计量中心' }).click();
    const detail = page.getByTestId('task-detail');
    await detail.waitFor();
    expect(await page.getByTestId('task-detail-title').textContent()).toBe('拜访常州供电公司计量中心，演示新款三相表');
    expect(page.url()).toMatch(/task=[0-9a-f-]{36}/);
    await page.getByTestId('task-detail-complete').click();
    await expect.poll(() => page.getByTestId('task-detail-reopen').count()).toBe(1);
    await page.keyboard.press('Escape');
    const done = page.getByTestId('calendar-week').getByTestId('calendar-event').filter({ hasText: '拜访常州供电公司计量中心' });
    await expect.poll(() => done.getAttribute('class')).toContain('is-done');

    // The same task is in the task list.
    await page.goto('/tasks');
    await page.getByTestId('tasks-status').getByText('已完成', { exact: true }).click();
    await expect.poll(() => page.getByTestId('tasks-list').textContent()).toContain('拜访常州供电公司计量中心');
  });

  it('a manager opens a team member’s calendar and gives them a task on a day; the rep finds it on the phone', async () => {
    const page = currentPage();
    await login(page, 'mgr.east', E2E_DEMO_PASSWORD);
    await page.goto('/calendar');
    await page.getByTestId('calendar-month').waitFor();
    await pickOption(page, 'calendar-user', '林晓');
    await expect.poll(() => page.getByTestId('calendar-title').textContent()).toBe('林晓 的日程');
    const date = await openNextMonthsFifteenth(page);
    expect(page.url()).toContain('user=');
    await expect.poll(() => page.getByTestId('calendar-day-panel').getAttribute('data-date')).toBe(date);
    await page.getByTestId('calendar-day-panel-add').click();
    // Created from the colleague's calendar, the task is for the colleague.
    await expect.poll(() => page.getByTestId('task-assignee').textContent()).toContain('林晓');
    await fillTask(page, '周五前把苏州项目的投标文件发我审核', '待办');
    const day = page.locator(`[data-testid="calendar-day"][data-date="${date}"]`);
    await expect.poll(() => day.textContent()).toContain('周五前把苏州项目的投标文件发我审核');
    await screenshot(page, 'desktop-calendar-manager-zh');

    const browser = await launchBrowser();
    try {
      const { context, page: phone } = await newPage(browser, inject('baseUrl'), PHONE);
      phone.setDefaultTimeout(20_000);
      await login(phone, 'rep.east3', E2E_DEMO_PASSWORD);
      await phone.goto('/inbox');
      await expect.poll(() => phone.locator('body').textContent()).toContain('张伟 给您分配了待办：周五前把苏州项目的投标文件发我审核');
      await phone.goto(`/calendar?view=month&date=${date}`);
      const agenda = phone.getByTestId('calendar-agenda');
      await agenda.waitFor();
      await expect.poll(() => agenda.locator(`[data-date="${date}"]`).textContent()).toContain('周五前把苏州项目的投标文件发我审核');
      expect(await overflow(phone)).toBeLessThanOrEqual(0);
      await screenshot(phone, 'phone-calendar-zh');
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
