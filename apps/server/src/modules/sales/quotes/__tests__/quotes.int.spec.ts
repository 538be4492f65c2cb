import type { TOpportunity, TProduct, TQuote, TQuoteListItem, TQuotePreview } from '@crm/contracts';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { withTx } from '../../../../kernel/db/tx.ts';
import { auditEntry } from '../../../../kernel/kernel.schema.ts';
import { createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';

let t: TestApp;
let rep: Session; // rep.east1 黄磊, owner of 国网江苏省电力有限公司 (grade A, 江苏)
let rep2: Session; // rep.east2, same team
let repNorth: Session;
let mgr: Session; // mgr.east 张伟: the team's manager, may approve up to 20 %
let director: Session; // director.dom: up to 30 %
let opportunity: TOpportunity;
let meter: TProduct; // list 1,000.00, floor 777.77; 900.00 for grade A through the test price list
const meterFloor = '777.77';

async function ok<T>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}

const post = (s: Session, url: string, payload: unknown) => s.request({ method: 'POST', url, payload });
const get = (s: Session, url: string) => s.request({ method: 'GET', url });

async function newQuote(s: Session, lines: unknown[], extra: Record<string, unknown> = {}): Promise<TQuote> {
  return ok<TQuote>(await post(s, '/api/v1/quotes', { opportunityId: opportunity.id, lines, ...extra }), 201);
}

beforeAll(async () => {
  t = await createTestApp();
  [rep, rep2, repNorth, mgr, director] = await Promise.all([
    t.login('rep.east1'),
    t.login('rep.east2'),
    t.login('rep.north1'),
    t.login('mgr.east'),
    t.login('director.dom'),
  ]);
  const pm = await t.login('pm.meter');
  const [demo] = (await ok<{ items: TProduct[] }>(await get(pm, '/api/v1/products?limit=1'))).items;
  meter = await ok<TProduct>(
    await post(pm, '/api/v1/products', {
      materialCode: 'QT-METER-0001',
      name: '报价测试单相表',
      model: 'DDZY-QT 5(60)A',
      unit: '只',
      categoryId: demo!.categoryId,
      listPrice: '1000.00',
      floorPrice: meterFloor,
      taxRate: '0.13',
    }),
    201,
  );
  await ok(
    await post(pm, '/api/v1/price-lists', {
      name: '报价测试价目表',
      grades: ['A'],
      priority: 99,
      entries: [{ productId: meter.id, discountPercent: '10' }],
    }),
    201,
  );
  const customers = (await ok<{ items: { id: string; name: string }[] }>(await get(rep, '/api/v1/customers?q=国网江苏省电力有限公司')))
    .items;
  const customerId = customers.find((c) => c.name === '国网江苏省电力有限公司')!.id;
  opportunity = await ok<TOpportunity>(
    await post(rep, '/api/v1/opportunities', {
      name: '江苏电力 2027 年智能电表框架',
      customerId,
      amount: '300000.00',
      expectedCloseDate: '2026-12-20',
    }),
    201,
  );
});

describe('quotes: pricing and totals', () => {
  it('prices catalogue lines from the price list with the explanation, and adds up exactly to the fen', async () => {
    const q = await newQuote(rep, [
      { productId: meter.id, qty: '1000', discountPercent: '5' },
      { name: '现场安装调试服务', unit: '项', qty: '1', unitPrice: '8000', taxRate: '0.06' },
    ]);
    expect(q.number).toMatch(/^BJ202611-\d{5}$/);
    expect(q).toMatchObject({
      status: 'draft',
      versionNo: 1,
      ownerName: '黄磊',
      customerName: '国网江苏省电力有限公司',
      customerGrade: 'A',
    });
    expect(q.validUntil).toBe('2026-12-02');
    const [m, service] = q.lines;
    expect(m).toMatchObject({
      listPrice: '1000.00',
      resolvedPrice: '900.00',
      unitPrice: '900.00',
      priceSource: { kind: 'price_list', priceListName: '报价测试价目表', explanation: '报价测试价目表 · 客户等级 A · 目录价下浮 10%' },
      amount: '855000.00',
      amountInclTax: '855000.00',
      amountExclTax: '756637.17',
      taxAmount: '98362.83',
      effectiveDiscountPercent: '5.00',
      flags: [],
      floorPrice: null,
    });
    expect(service).toMatchObject({ productId: null, priceSource: { kind: 'manual' }, amountExclTax: '7547.17', taxAmount: '452.83' });
    expect(q.totals).toMatchObject({
      subtotal: '863000.00',
      totalExclTax: '764184.34',
      totalTax: '98815.66',
      totalInclTax: '863000.00',
      referenceAmount: '908000.00',
    });
    expect(q.approval).toMatchObject({ required: false, reasons: [], limitPercent: '10' });
  });

  it('shares an overall discount out over the lines to the fen', async () => {
    const q = await newQuote(
      rep,
      [
        { productId: meter.id, qty: '3', unitPrice: '99.99' },
        { productId: meter.id, qty: '7', unitPrice: '0.07' },
      ],
      { overallDiscountPercent: '3.5' },
    );
    // 299.97 + 0.49 = 300.46; 3.5 % = 10.5161 → 10.52
    expect(q.totals).toMatchObject({ subtotal: '300.46', overallDiscountAmount: '10.52', totalInclTax: '289.94' });
    expect(q.lines.map((l) => l.overallDiscountShare)).toEqual(['10.50', '0.02']);
    expect(q.lines.reduce((s, l) => s + Math.round(Number(l.amountInclTax) * 100), 0)).toBe(28994);
  });
});

describe('quotes: approval flags', () => {
  it('flags a discount beyond the rep’s 10 % and a price below the floor, without showing the floor to the rep', async () => {
    const below = '776.77';
    const q = await newQuote(rep, [
      { productId: meter.id, qty: '100', discountPercent: '12' },
      { productId: meter.id, qty: '10', unitPrice: below },
    ]);
    expect(q.lines.map((l) => l.flags)).toEqual([['discount_beyond_limit'], expect.arrayContaining(['below_floor'])]);
    expect(q.approval.required).toBe(true);
    const codes = q.approval.reasons.map((r) => r.code);
    expect(codes).toContain('line_discount_beyond_limit');
    expect(codes).toContain('below_floor');
    const floorReason = q.approval.reasons.find((r) => r.code === 'below_floor')!;
    expect(floorReason.message).toContain('低于允许的最低价');
    expect(JSON.stringify(q)).not.toContain(meterFloor);
    // The manager sees the figures.
    const seen = await ok<TQuote>(await get(mgr, `/api/v1/quotes/${q.id}`));
    expect(seen.lines[1]!.floorPrice).toBe(meterFloor);
    expect(seen.approval.reasons.find((r) => r.code === 'below_floor')!.message).toContain(meterFloor);
  });

  it('gives a manager 20 %: the same 12 % needs no approval on the manager’s own quote', async () => {
    const preview = await ok<TQuotePreview>(
      await post(mgr, '/api/v1/quotes/preview', {
        opportunityId: opportunity.id,
        lines: [{ productId: meter.id, qty: '100', discountPercent: '12' }],
      }),
    );
    expect(preview.approval).toMatchObject({ required: false, limitPercent: '20' });
    const repPreview = await ok<TQuotePreview>(
      await post(rep, '/api/v1/quotes/preview', {
        opportunityId: opportunity.id,
        lines: [{ productId: meter.id, qty: '100', discountPercent: '12' }],
      }),
    );
    expect(repPreview.approval.required).toBe(true);
    expect(repPreview.totals.totalInclTax).toBe('79200.00');
  });
});

describe('quotes: data scope', () => {
  it('a rep cannot read or change another rep’s quote by id; the manager of the team can', async () => {
    const q = await newQuote(rep, [{ productId: meter.id, qty: '10' }]);
    expect((await get(rep2, `/api/v1/quotes/${q.id}`)).statusCode).toBe(404);
    expect((await get(repNorth, `/api/v1/quotes/${q.id}`)).statusCode).toBe(404);
    expect(
      (await rep2.request({ method: 'PATCH', url: `/api/v1/quotes/${q.id}`, payload: { version: q.version, title: 'x' } })).statusCode,
    ).toBe(404);
    expect((await post(rep2, `/api/v1/quotes/${q.id}/submit`, { version: q.version })).statusCode).toBe(404);
    expect((await get(mgr, `/api/v1/quotes/${q.id}`)).statusCode).toBe(200);
    const theirs = (await ok<{ items: TQuoteListItem[] }>(await get(rep2, '/api/v1/quotes?limit=200'))).items;
    expect(theirs.some((x) => x.id === q.id)).toBe(false);
    const mine = (await ok<{ items: TQuoteListItem[] }>(await get(rep, `/api/v1/quotes?opportunityId=${opportunity.id}`))).items;
    expect(mine.some((x) => x.id === q.id)).toBe(true);
  });

  it('a quote needs an opportunity in the actor’s scope', async () => {
    const res = await post(repNorth, '/api/v1/quotes', { opportunityId: opportunity.id, lines: [] });
    expect(res.statusCode).toBe(404);
  });
});

describe('quotes: versions, approval and acceptance', () => {
  it('goes through approval in the approvals inbox, is sent, accepted and then locked; every step is audited', async () => {
    let q = await newQuote(rep, [{ productId: meter.id, qty: '500', discountPercent: '15' }]);
    q = await ok<TQuote>(
      await post(rep, `/api/v1/quotes/${q.id}/send`, { version: q.version }).then((r) => {
        expect(r.statusCode).toBe(409);
        expect(r.json().code).toBe('QUOTE_NEEDS_APPROVAL');
        return post(rep, `/api/v1/quotes/${q.id}/submit`, { version: q.version });
      }),
    );
    expect(q.status).toBe('needs_approval');
    // The rep's manager gets the task in the approvals inbox and is told; the director is not asked (15 % is within 20 %).
    const todo = (
      await ok<{ items: { taskId: string; instanceId: string; link: string }[] }>(await get(mgr, '/api/v1/approvals/tasks?box=todo'))
    ).items;
    const task = todo.find((i) => i.link === `/quotes/${q.id}`)!;
    expect(task).toBeTruthy();
    const inbox = (await ok<{ items: { kind: string; link: string; title: string }[] }>(await get(mgr, '/api/v1/notifications?limit=20')))
      .items;
    expect(inbox.find((n) => n.link === `/approvals/${task.instanceId}`)).toMatchObject({
      kind: 'approval.task',
      title: `待您审批：${q.number} · 国网江苏省电力有限公司`,
    });
    const directorTodo = (await ok<{ items: { link: string }[] }>(await get(director, '/api/v1/approvals/tasks?box=todo'))).items;
    expect(directorTodo.some((n) => n.link === `/quotes/${q.id}`)).toBe(false);
    expect((await post(rep, `/api/v1/quotes/${q.id}/approval`, { version: q.version, decision: 'approve' })).statusCode).toBe(403);
    const editWhilePending = await rep.request({
      method: 'PATCH',
      url: `/api/v1/quotes/${q.id}`,
      payload: { version: q.version, title: 'x' },
    });
    expect(editWhilePending.json().code).toBe('QUOTE_NOT_EDITABLE');
    await ok(await post(mgr, `/api/v1/approvals/tasks/${task.taskId}/approve`, { comment: '战略客户，同意' }));
    q = await ok<TQuote>(await get(rep, `/api/v1/quotes/${q.id}`));
    expect(q.status).toBe('approved');
    expect(q.approval.decision).toMatchObject({ outcome: 'approved', byName: '张伟', comment: '战略客户，同意', channel: 'approvals' });
    q = await ok<TQuote>(await post(rep, `/api/v1/quotes/${q.id}/send`, { version: q.version }));
    expect(q.status).toBe('sent');
    q = await ok<TQuote>(await post(rep, `/api/v1/quotes/${q.id}/accept`, { version: q.version, note: '客户盖章回传' }));
    expect(q.status).toBe('accepted');
    expect(q.actions).toMatchObject({ edit: false, newVersion: false, send: false });
    const edit = await rep.request({ method: 'PATCH', url: `/api/v1/quotes/${q.id}`, payload: { version: q.version, title: 'x' } });
    expect(edit.statusCode).toBe(409);
    expect((await post(rep, `/api/v1/quotes/${q.id}/versions`, { version: q.version })).json().code).toBe('QUOTE_STATUS_CONFLICT');

    const accepted = await withTx(t.database.db, (tx) => t.modules.sales.quotes.getAccepted(tx, q.id));
    expect(accepted).toMatchObject({ number: q.number, versionNo: 1, totals: { totalInclTax: q.totals.totalInclTax } });
    expect(accepted!.lines[0]).toMatchObject({ productId: meter.id, qty: '500.0000', amountInclTax: q.lines[0]!.amountInclTax });

    await ok(await get(mgr, `/api/v1/quotes/${q.id}`));
    const actions = (
      await t.database.db
        .select({ action: auditEntry.action })
        .from(auditEntry)
        .where(and(eq(auditEntry.entityType, 'quote'), eq(auditEntry.entityId, q.id)))
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['quote.create', 'quote.submit', 'quote.approval.approved', 'quote.send', 'quote.accept', 'quote.read']),
    );
  });

  it('a manager may not approve own quotes; beyond the manager’s limit a director approves too', async () => {
    const todoOf = async (s: Session, quoteId: string) =>
      (await ok<{ items: { taskId: string; link: string }[] }>(await get(s, '/api/v1/approvals/tasks?box=todo'))).items.find(
        (i) => i.link === `/quotes/${quoteId}`,
      );
    let own = await newQuote(mgr, [{ productId: meter.id, qty: '10', discountPercent: '25' }]);
    own = await ok<TQuote>(await post(mgr, `/api/v1/quotes/${own.id}/submit`, { version: own.version }));
    const self = await post(mgr, `/api/v1/quotes/${own.id}/approval`, { version: own.version, decision: 'approve' });
    expect(self.json().code).toBe('QUOTE_SELF_APPROVAL');
    expect(await todoOf(mgr, own.id)).toBeUndefined();
    // The manager's own manager is the director, who is then the one approver.
    await ok(await post(director, `/api/v1/approvals/tasks/${(await todoOf(director, own.id))!.taskId}/approve`, {}));
    expect((await ok<TQuote>(await get(mgr, `/api/v1/quotes/${own.id}`))).status).toBe('approved');

    let q = await newQuote(rep, [{ productId: meter.id, qty: '10', discountPercent: '25' }]);
    q = await ok<TQuote>(await post(rep, `/api/v1/quotes/${q.id}/submit`, { version: q.version }));
    // Only the owner takes a quote back from approval.
    expect((await post(mgr, `/api/v1/quotes/${q.id}/withdraw`, { version: q.version })).statusCode).toBe(403);
    const byHand = await post(mgr, `/api/v1/quotes/${q.id}/approval`, { version: q.version, decision: 'approve' });
    expect(byHand.json().code).toBe('QUOTE_APPROVAL_BY_ENGINE');
    await ok(await post(mgr, `/api/v1/approvals/tasks/${(await todoOf(mgr, q.id))!.taskId}/approve`, {}));
    expect((await ok<TQuote>(await get(rep, `/api/v1/quotes/${q.id}`))).status).toBe('needs_approval');
    await ok(await post(director, `/api/v1/approvals/tasks/${(await todoOf(director, q.id))!.taskId}/reject`, { comment: '折扣过大' }));
    const refused = await ok<TQuote>(await get(rep, `/api/v1/quotes/${q.id}`));
    expect(refused).toMatchObject({ status: 'draft', approval: { decision: { outcome: 'refused', comment: '折扣过大' } } });
    q = await ok<TQuote>(await post(rep, `/api/v1/quotes/${q.id}/submit`, { version: refused.version }));
    await ok(await post(mgr, `/api/v1/approvals/tasks/${(await todoOf(mgr, q.id))!.taskId}/approve`, {}));
    await ok(await post(director, `/api/v1/approvals/tasks/${(await todoOf(director, q.id))!.taskId}/approve`, {}));
    expect((await ok<TQuote>(await get(rep, `/api/v1/quotes/${q.id}`))).status).toBe('approved');
  });

  it('a new version copies the lines, supersedes the old one, which stays readable', async () => {
    let q = await newQuote(rep, [
      { productId: meter.id, qty: '200', discountPercent: '3' },
      { name: '培训', qty: '2', unitPrice: '1500.5' },
    ]);
    q = await ok<TQuote>(await post(rep, `/api/v1/quotes/${q.id}/send`, { version: q.version }));
    const stale = await post(rep, `/api/v1/quotes/${q.id}/versions`, { version: q.version - 1 });
    expect(stale.statusCode).toBe(409);
    const v2 = await ok<TQuote>(await post(rep, `/api/v1/quotes/${q.id}/versions`, { version: q.version }), 201);
    expect(v2).toMatchObject({ versionNo: 2, status: 'draft', number: q.number, isCurrentVersion: true });
    expect(v2.lines.map((l) => [l.name, l.qty, l.unitPrice, l.discountPercent])).toEqual(
      q.lines.map((l) => [l.name, l.qty, l.unitPrice, l.discountPercent]),
    );
    expect(v2.versions.map((v) => [v.versionNo, v.status, v.isCurrent])).toEqual([
      [2, 'draft', true],
      [1, 'superseded', false],
    ]);
    const changed = await ok<TQuote>(
      await rep.request({
        method: 'PATCH',
        url: `/api/v1/quotes/${q.id}`,
        payload: { version: v2.version, lines: [{ productId: meter.id, qty: '250', discountPercent: '4' }] },
      }),
    );
    expect(changed.lines).toHaveLength(1);
    const v1 = await ok<TQuote>(await get(rep, `/api/v1/quotes/${q.id}/versions/1`));
    expect(v1).toMatchObject({ versionNo: 1, status: 'superseded', isCurrentVersion: false, totals: q.totals });
    expect(v1.lines).toHaveLength(2);
    expect(v1.actions.edit).toBe(false);
  });

  it('a stale version of the record is refused', async () => {
    const q = await newQuote(rep, [{ productId: meter.id, qty: '1' }]);
    await ok<TQuote>(await rep.request({ method: 'PATCH', url: `/api/v1/quotes/${q.id}`, payload: { version: q.version, notes: 'a' } }));
    const res = await rep.request({ method: 'PATCH', url: `/api/v1/quotes/${q.id}`, payload: { version: q.version, notes: 'b' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('STALE_VERSION');
  });

  it('open quotes past their validity expire; accepting one is refused', async () => {
    let q = await newQuote(rep, [{ productId: meter.id, qty: '1' }], { validUntil: '2026-11-05' });
    q = await ok<TQuote>(await post(rep, `/api/v1/quotes/${q.id}/send`, { version: q.version }));
    t.clock.set('2026-11-06T02:00:00Z');
    try {
      // Sessions count idle time by the same clock: sign in again four days later.
      const later = await t.login('rep.east1');
      const late = await post(later, `/api/v1/quotes/${q.id}/accept`, { version: q.version });
      expect(late.json().code).toBe('QUOTE_EXPIRED');
      await t.modules.sales.quotes.expireDue();
      const after = await ok<TQuote>(await get(later, `/api/v1/quotes/${q.id}`));
      expect(after.status).toBe('expired');
      expect(after.actions.newVersion).toBe(true);
      // A second run finds nothing more to do.
      expect(await t.modules.sales.quotes.expireDue()).toBe(0);
    } finally {
      t.clock.set('2026-11-02T02:00:00Z');
    }
  });
});

describe('quotes: demo data', () => {
  it('the demo has quotes on the demo opportunities in several statuses, some with an older version', async () => {
    const admin = await t.login('admin');
    const items = (await ok<{ items: TQuoteListItem[] }>(await get(admin, '/api/v1/quotes?limit=200&sort=createdAt'))).items.filter(
      (x) => x.opportunityId !== opportunity.id,
    );
    expect(items.length).toBeGreaterThan(5);
    expect(new Set(items.map((x) => x.status)).size).toBeGreaterThanOrEqual(3);
    const older = items.find((x) => x.versionNo === 2);
    if (older) {
      const v1 = await ok<TQuote>(await get(admin, `/api/v1/quotes/${older.id}/versions/1`));
      expect(v1.status).toBe('superseded');
    }
    const one = await ok<TQuote>(await get(admin, `/api/v1/quotes/${items[0]!.id}`));
    const sum = one.lines.reduce((total, l) => total + Math.round(Number(l.amountInclTax) * 100), 0);
    expect(sum).toBe(Math.round(Number(one.totals.totalInclTax) * 100));
  });
});

describe('quotes: export', () => {
  it('exports a quote as xlsx with totals in figures and in Chinese capitals, audited', async () => {
    const q = await newQuote(rep, [{ productId: meter.id, qty: '4', unitPrice: '251' }]);
    const res = await rep.request({ method: 'GET', url: `/api/v1/quotes/${q.id}/export` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const values = wb.worksheets[0]!.getSheetValues()
      .flat()
      .filter((v) => v !== null && v !== undefined)
      .map(String);
    expect(values).toContain(q.number + '  版本 1');
    expect(values).toContain('人民币壹仟零肆元整');
    expect(values).toContain('1004');
    const [entry] = await t.database.db
      .select()
      .from(auditEntry)
      .where(and(eq(auditEntry.action, 'quote.export'), eq(auditEntry.entityId, q.id)));
    expect(entry).toBeDefined();
  });
});
