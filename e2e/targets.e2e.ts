import { request, type APIRequestContext, type Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DESKTOP, PHONE, login, screenshot, usePagePerTest } from './browser.ts';
import { E2E_DEMO_PASSWORD } from './global-setup.ts';

const desktopPage = usePagePerTest(DESKTOP);

/** This quarter in the business time zone, e.g. `2026-Q4`: when an opportunity won today counts. */
function currentQuarter(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  return `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
}

async function departmentId(page: Page, code: string): Promise<string> {
  const list = (await (await page.request.get('/api/v1/departments')).json()) as { items: { id: string; code: string }[] };
  return list.items.find((d) => d.code === code)!.id;
}

/** A rep working through the API in a session of their own. */
async function repSession(username: string): Promise<{ api: APIRequestContext; headers: Record<string, string> }> {
  const api = await request.newContext({ baseURL: inject('baseUrl') });
  const res = await api.post('/api/v1/auth/login', { data: { username, password: E2E_DEMO_PASSWORD } });
  if (res.status() !== 200) throw new Error(`login ${username}: ${res.status()}`);
  return { api, headers: { 'x-csrf-token': (await res.json()).csrfToken } };
}

/** A new customer and opportunity of the rep, moved through every open stage to won. */
async function winOpportunity(rep: { api: APIRequestContext; headers: Record<string, string> }, name: string): Promise<void> {
  const { api, headers } = rep;
  const customer = await api.post('/api/v1/customers', {
    data: { name: `${name}智能装备有限公司`, type: 'industrial', acknowledgeDuplicates: true },
    headers,
  });
  if (customer.status() !== 201) throw new Error(`create customer: ${customer.status()} ${await customer.text()}`);
  const created = await api.post('/api/v1/opportunities', {
    data: { name, customerId: (await customer.json()).id, amount: '650000.00', expectedCloseDate: '2026-12-20' },
    headers,
  });
  if (created.status() !== 201) throw new Error(`create opportunity: ${created.status()} ${await created.text()}`);
  let opportunity = (await created.json()) as { id: string; version: number };
  const pipeline = (await (await api.get('/api/v1/opportunity-pipeline')).json()) as {
    stages: { id: string; kind: string; position: number }[];
  };
  const stages = pipeline.stages.sort((a, b) => a.position - b.position);
  for (const stage of [...stages.filter((s) => s.kind === 'open').slice(1), stages.find((s) => s.kind === 'won')!]) {
    const moved = await api.post(`/api/v1/opportunities/${opportunity.id}/stage`, {
      data: { stageId: stage.id, version: opportunity.version, ...(stage.kind === 'won' ? { reasonCode: 'technology' } : {}) },
      headers,
    });
    if (moved.status() !== 200) throw new Error(`move stage: ${moved.status()} ${await moved.text()}`);
    opportunity = await moved.json();
  }
}

describe('targets and performance', () => {
  it('a manager sets a team target, splits it evenly, and sees the completion change when a rep wins an opportunity', async () => {
    const page = desktopPage();
    await login(page, 'mgr.east', E2E_DEMO_PASSWORD);
    const quarter = currentQuarter();
    const team = await departmentId(page, 'T-EAST-1');

    // The target of 华东一组 for this quarter, split over its three reps.
    await page.getByTestId('nav-menu').getByText('业绩目标', { exact: true }).click();
    await page.waitForURL('**/targets');
    await page.goto(`/targets?${new URLSearchParams({ period: quarter, metric: 'won_opportunities', departmentId: team }).toString()}`);
    // antd puts the test id on the input itself or on its wrapper, depending on the version.
    const own = page.locator('input[data-testid="target-own-input"], [data-testid="target-own-input"] input').first();
    await own.waitFor();
    await own.fill('300');
    await page.getByTestId('target-even-split').click();
    // Three reps get 100 each: nothing left unassigned, and the remainder said so before saving.
    await expect.poll(() => page.getByTestId('target-remainder').textContent()).toBe('0');
    await expect.poll(() => page.getByTestId('target-assigned').textContent()).toBe('300');
    await screenshot(page, 'targets-split');
    await page.getByTestId('target-save').click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('目标已保存');
    await page.reload();
    await expect.poll(() => own.inputValue()).toBe('300');

    // The team's performance: the target is there, and the actual comes from the records.
    const performance = `/performance?${new URLSearchParams({ period: quarter, subject: `department:${team}` }).toString()}`;
    await page.goto(performance);
    const card = page.getByTestId('metric-card-won_opportunities');
    await expect.poll(() => card.getByTestId('metric-target-won_opportunities').textContent()).toBe('300');
    const before = Number(await card.getByTestId('metric-actual-won_opportunities').textContent());
    const completion = (won: number) => `${((won / 300) * 100).toFixed(1)}%`;
    await expect.poll(() => card.getByRole('img').first().getAttribute('aria-label')).toContain(completion(before));

    // 黄磊 of the team wins an opportunity: the team's completion moves with it.
    const rep = await repSession('rep.east1');
    await winOpportunity(rep, `业绩目标浏览器测试${Date.now() % 100000}`);
    await rep.api.dispose();
    await page.reload();
    await expect.poll(() => card.getByTestId('metric-actual-won_opportunities').textContent()).toBe(String(before + 1));
    await expect.poll(() => card.getByRole('img').first().getAttribute('aria-label')).toContain(completion(before + 1));
    await screenshot(page, 'performance-team');

    // The people of the team are listed under it, 黄磊 with his share of the target.
    await page.getByTestId('summary-metric').getByText('赢单数', { exact: true }).click();
    const row = page.getByTestId('summary-users').locator('.ant-table-row').filter({ hasText: '黄磊' });
    await expect.poll(() => row.textContent()).toContain('100');
  });

  it('a rep’s home page shows their own completion and the pipeline, and fits a phone', async () => {
    const { context, page } = await (async () => {
      const browser = desktopPage().context().browser()!;
      const ctx = await browser.newContext({
        baseURL: inject('baseUrl'),
        viewport: PHONE,
        locale: 'zh-CN',
        isMobile: true,
        hasTouch: true,
      });
      return { context: ctx, page: await ctx.newPage() };
    })();
    try {
      await login(page, 'rep.east2', E2E_DEMO_PASSWORD);
      const completion = page.getByTestId('home-target-completion');
      await expect.poll(() => completion.textContent()).toContain('我的目标完成');
      await expect.poll(() => completion.getByTestId('home-gauge-won_opportunities').count()).toBe(1);
      await expect.poll(() => page.getByTestId('home-pipeline').locator('canvas').count()).toBeGreaterThan(0);
      // Nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await screenshot(page, 'phone-home-dashboard');

      // The figure opens the performance page behind it.
      await completion.getByText('查看详情').click();
      await page.waitForURL('**/performance?**');
      await expect.poll(() => page.getByTestId('performance-subject').textContent()).toContain('周杰');
    } finally {
      await context.close();
    }
  });
});
