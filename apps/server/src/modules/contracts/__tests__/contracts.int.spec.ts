import type {
  TAnnexImportResult,
  TApprovalInboxItem,
  TContract,
  TContractDiff,
  TContractListItem,
  TContractReview,
  TPage,
  TProduct,
} from '@crm/contracts';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEntry } from '../../../kernel/kernel.schema.ts';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { listContracts } from '../contracts.repository.ts';
import { contract } from '../contracts.schema.ts';

let t: TestApp;
let rep: Session; // rep.east1, owner of 国网江苏省电力有限公司
let rep2: Session; // rep.east2, same team
let repNorth: Session;
let mgr: Session; // mgr.east
let director: Session; // director.dom
let finance: Session;
let customerId: string;
let meter: TProduct; // list 1,000, floor 800, cost 700 (excl. tax): margin at list ≈ 20.9 %
let lowMargin: TProduct; // list 1,000, cost 840: margin ≈ 5.08 % (warn, not block)

async function ok<T>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}
const post = (s: Session, url: string, payload?: unknown) => s.request({ method: 'POST', url, payload: payload ?? {} });
const patch = (s: Session, url: string, payload: unknown) => s.request({ method: 'PATCH', url, payload });
const get = (s: Session, url: string) => s.request({ method: 'GET', url });

const TERMS = [
  { trigger: 'signing', percent: '30', days: 10 },
  { trigger: 'shipment', percent: '60', days: 30 },
  { trigger: 'warranty_end', percent: '10', days: 0 },
];

async function newContract(s: Session, body: Record<string, unknown> = {}): Promise<TContract> {
  return ok<TContract>(
    await post(s, '/api/v1/contracts', {
      customerId,
      title: '江苏电力 2027 智能电表采购合同',
      lines: [{ productId: meter.id, qty: '100', wantedDeliveryDate: '2027-03-01' }],
      paymentTerms: TERMS,
      ...body,
    }),
    201,
  );
}

async function todo(s: Session): Promise<TApprovalInboxItem[]> {
  return (await ok<TPage<TApprovalInboxItem>>(await get(s, '/api/v1/approvals/tasks?box=todo&limit=200'))).items.filter(
    (i) => i.typeKey === 'contract',
  );
}

async function approveAs(s: Session, contractId: string): Promise<void> {
  const task = (await todo(s)).find((i) => i.link === `/contracts/${contractId}`);
  expect(task, 'approval task').toBeDefined();
  await ok(await post(s, `/api/v1/approvals/tasks/${task!.taskId}/approve`, { comment: '同意' }));
}

beforeAll(async () => {
  t = await createTestApp();
  [rep, rep2, repNorth, mgr, director, finance] = await Promise.all([
    t.login('rep.east1'),
    t.login('rep.east2'),
    t.login('rep.north1'),
    t.login('mgr.east'),
    t.login('director.dom'),
    t.login('finance.1'),
  ]);
  const pm = await t.login('pm.meter');
  const [demo] = (await ok<{ items: TProduct[] }>(await get(pm, '/api/v1/products?limit=1'))).items;
  const product = (code: string, model: string, cost: string) =>
    post(pm, '/api/v1/products', {
      materialCode: code,
      name: `合同测试电表 ${code}`,
      model,
      unit: '只',
      categoryId: demo!.categoryId,
      listPrice: '1000.00',
      floorPrice: '800.00',
      standardCost: cost,
      taxRate: '0.13',
      warrantyMonths: 24,
      leadTimeDays: 30,
    });
  meter = await ok<TProduct>(await product('HT-METER-0001', 'DDZY-HT 5(60)A', '700.00'), 201);
  lowMargin = await ok<TProduct>(await product('HT-METER-0002', 'DTZY-HT 1.5(6)A', '840.00'), 201);
  const customers = (await ok<{ items: { id: string; name: string }[] }>(await get(rep, '/api/v1/customers?q=国网江苏省电力有限公司')))
    .items;
  customerId = customers.find((c) => c.name === '国网江苏省电力有限公司')!.id;
});

describe('contracts: drafting and amounts', () => {
  it('creates a draft from catalogue lines with exact amounts, margin for managers only, and an automatic review', async () => {
    const c = await newContract(rep);
    expect(c).toMatchObject({
      status: 'draft',
      number: null,
      versionNo: 1,
      versionStatus: 'draft',
      customerName: '国网江苏省电力有限公司',
    });
    expect(c.lines[0]).toMatchObject({
      materialCode: 'HT-METER-0001',
      qty: '100',
      unitPrice: '1000',
      amountInclTax: '100000.00',
      amountExclTax: '88495.58',
      taxAmount: '11504.42',
    });
    expect(c.totals.amountInclTax).toBe('100000.00');
    // Field rules: a rep sees neither cost nor margin; the manager does.
    expect(c.lines[0]!.marginPercent).toBeNull();
    expect(c.totals.marginPercent).toBeNull();
    const seen = await ok<TContract>(await get(mgr, `/api/v1/contracts/${c.id}`));
    expect(seen.totals).toMatchObject({ costAmount: '70000.00', marginAmount: '18495.58', marginPercent: '20.90' });
    expect(c.review!.findings.map((f) => f.rule)).toContain('margin');
    expect(c.review!.findings.find((f) => f.rule === 'margin')!.level).toBe('pass');
    const [audit] = await t.database.db
      .select()
      .from(auditEntry)
      .where(and(eq(auditEntry.entityId, c.id), eq(auditEntry.action, 'contract.create')));
    expect(audit).toBeDefined();
  });

  it('rejects payment terms that do not add up to 100 %', async () => {
    const res = await post(rep, '/api/v1/contracts', { customerId, paymentTerms: [{ trigger: 'signing', percent: '30', days: 0 }] });
    expect(res.statusCode).toBe(400);
  });

  it('edits the draft with the record version, re-runs the review on every change, and refuses a stale version', async () => {
    const c = await newContract(rep);
    const changed = await ok<TContract>(
      await patch(rep, `/api/v1/contracts/${c.id}`, {
        version: c.version,
        lines: [
          { productId: meter.id, qty: '100', wantedDeliveryDate: '2027-03-01' },
          { productId: lowMargin.id, qty: '50', unitPrice: '1000', wantedDeliveryDate: '2026-11-20' },
        ],
        warrantyMonths: 48,
      }),
    );
    expect(changed.version).toBe(c.version + 1);
    expect(changed.totals.amountInclTax).toBe('150000.00');
    const byRule = (rule: string) => changed.review!.findings.filter((f) => f.rule === rule);
    expect(byRule('delivery_date')[0]).toMatchObject({ level: 'warn', lineId: changed.lines[1]!.id, field: 'lines' });
    expect(byRule('warranty')[0]).toMatchObject({ level: 'warn', field: 'warrantyMonths' });
    expect(byRule('margin').some((f) => f.level === 'warn' && f.lineId === changed.lines[1]!.id)).toBe(true);
    expect(changed.review!.route).toEqual(expect.arrayContaining(['manager', 'director']));
    expect((await patch(rep, `/api/v1/contracts/${c.id}`, { version: c.version, warrantyMonths: 12 })).statusCode).toBe(409);
  });

  it('POST /review answers the findings of the working version', async () => {
    const c = await newContract(rep, { latePenalty: { capPercent: '15' } });
    const review = await ok<TContractReview>(await post(rep, `/api/v1/contracts/${c.id}/review`));
    expect(review.findings.find((f) => f.rule === 'penalty_cap')).toMatchObject({ level: 'warn', field: 'latePenalty' });
    expect(review.level).not.toBe('pass');
    // Running the review is not a change of the contract: the record version stays.
    expect((await ok<TContract>(await get(rep, `/api/v1/contracts/${c.id}`))).version).toBe(c.version);
    // Findings are written in the language of the request.
    const english = await ok<TContractReview>(
      await rep.request({ method: 'POST', url: `/api/v1/contracts/${c.id}/review`, payload: {}, headers: { 'accept-language': 'en-US' } }),
    );
    expect(english.findings.find((f) => f.rule === 'penalty_cap')!.message).toBe(
      'Late-delivery penalty cap 15% exceeds 10% (director approval)',
    );
  });
});

describe('contracts: sources', () => {
  it('takes customer, opportunity and lines at their net price from an accepted quote, and refuses one not accepted', async () => {
    const opportunity = await ok<{ id: string }>(
      await post(rep, '/api/v1/opportunities', {
        name: '合同来源测试商机',
        customerId,
        amount: '95000.00',
        expectedCloseDate: '2026-12-20',
      }),
      201,
    );
    let q = await ok<{ id: string; version: number; status: string }>(
      await post(rep, '/api/v1/quotes', {
        opportunityId: opportunity.id,
        lines: [{ productId: meter.id, qty: '100', unitPrice: '1000', discountPercent: '5' }],
      }),
      201,
    );
    const early = await post(rep, '/api/v1/contracts', { source: { kind: 'quote', quoteId: q.id } });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'CONTRACT_SOURCE_NOT_READY' });
    q = await ok(await post(rep, `/api/v1/quotes/${q.id}/submit`, { version: q.version }));
    q = await ok(await post(rep, `/api/v1/quotes/${q.id}/send`, { version: q.version }));
    q = await ok(await post(rep, `/api/v1/quotes/${q.id}/accept`, { version: q.version, note: '客户盖章回传' }));
    expect(q.status).toBe('accepted');
    // Another rep cannot make a contract of it.
    expect((await post(rep2, '/api/v1/contracts', { source: { kind: 'quote', quoteId: q.id } })).statusCode).toBe(404);
    const c = await ok<TContract>(
      await post(rep, '/api/v1/contracts', { source: { kind: 'quote', quoteId: q.id }, paymentTerms: TERMS }),
      201,
    );
    expect(c).toMatchObject({ customerId, opportunityId: opportunity.id, opportunityName: '合同来源测试商机', quoteId: q.id });
    expect(c.lines.map((l) => [l.materialCode, l.qty, l.unitPrice, l.amountInclTax])).toEqual([
      ['HT-METER-0001', '100', '950', '95000.00'],
    ]);
  });

  it('takes the product lines of an opportunity', async () => {
    const opportunity = await ok<{ id: string }>(
      await post(rep, '/api/v1/opportunities', {
        name: '商机来源测试',
        customerId,
        amount: '20000.00',
        expectedCloseDate: '2026-12-20',
        lines: [{ productId: meter.id, quantity: '20', unitPrice: '990' }],
      }),
      201,
    );
    const c = await ok<TContract>(
      await post(rep, '/api/v1/contracts', { source: { kind: 'opportunity', opportunityId: opportunity.id } }),
      201,
    );
    expect(c.lines.map((l) => [l.materialCode, l.qty, l.unitPrice])).toEqual([['HT-METER-0001', '20', '990']]);
    expect(c.opportunityName).toBe('商机来源测试');
    expect(c.review!.findings.find((f) => f.rule === 'completeness')).toMatchObject({ level: 'block', field: 'paymentTerms' });
  });
});

describe('contracts: data scope', () => {
  it('a rep cannot read, change, review or submit another rep’s contract; the manager can read it', async () => {
    const c = await newContract(rep);
    for (const s of [rep2, repNorth]) {
      expect((await get(s, `/api/v1/contracts/${c.id}`)).statusCode).toBe(404);
      expect((await patch(s, `/api/v1/contracts/${c.id}`, { version: c.version, warrantyMonths: 12 })).statusCode).toBe(404);
      expect((await post(s, `/api/v1/contracts/${c.id}/review`)).statusCode).toBe(404);
      expect((await post(s, `/api/v1/contracts/${c.id}/submit`, { version: c.version })).statusCode).toBe(404);
      const list = await ok<TPage<TContractListItem>>(await get(s, '/api/v1/contracts?limit=200'));
      expect(list.items.some((i) => i.id === c.id)).toBe(false);
    }
    expect((await get(mgr, `/api/v1/contracts/${c.id}`)).statusCode).toBe(200);
    const mine = await ok<TPage<TContractListItem>>(await get(rep, `/api/v1/contracts?q=${encodeURIComponent('江苏电力')}&limit=200`));
    expect(mine.items.some((i) => i.id === c.id)).toBe(true);
  });

  it('searches number, title and customer name by any part, in any case', async () => {
    const c = await newContract(rep, { title: 'Smart Meter 框架协议 2027' });
    const submitted = await ok<TContract>(await post(rep, `/api/v1/contracts/${c.id}/submit`, { version: c.version }));
    const found = async (q: string) =>
      (await ok<TPage<TContractListItem>>(await get(rep, `/api/v1/contracts?q=${encodeURIComponent(q)}&limit=200`))).items.some(
        (i) => i.id === c.id,
      );
    const customerName = (await ok<TContract>(await get(rep, `/api/v1/contracts/${c.id}`))).customerName!;
    for (const q of [
      '框架',
      '框',
      'smart meter',
      'METER 框架',
      submitted.number!.toLowerCase(),
      submitted.number!.slice(-5),
      customerName.slice(2, 4),
    ])
      expect(await found(q), q).toBe(true);
    for (const q of ['框架合同', 'meters', '%', 'smart_meter']) expect(await found(q), q).toBe(false);
  });

  it('a search pages through the newest rows first and then the older ones, as one ordered list', async () => {
    await newContract(rep, { title: '南京供电 计量箱' });
    await newContract(rep, { title: '计量箱 框架协议' });
    const db = t.database.db;
    const all = await db.select().from(contract);
    const expected = (q: string) =>
      all
        .filter((c) => [c.number, c.title, c.customerName].some((v) => v?.toLowerCase().includes(q.toLowerCase())))
        .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || (a.id < b.id ? 1 : -1))
        .map((c) => c.id);
    for (const q of ['计量箱', '框架', '江苏', '电', 'ht2026', '没有这个词']) {
      for (const window of [1, 2, 3, 5, 1000]) {
        const seen: string[] = [];
        let after: [string, string] | undefined;
        for (;;) {
          const rows = await listContracts(db, { scope: undefined, q }, { sort: 'updated_desc', limit: 2, after }, window);
          seen.push(...rows.map((r) => r.id));
          if (rows.length < 2) break;
          after = [rows.at(-1)!.updatedAt.toISOString(), rows.at(-1)!.id];
        }
        expect(seen, `${q} / window ${window}`).toEqual(expected(q));
      }
    }
  });
});

describe('contracts: review, numbering and approval', () => {
  it('submits a clean contract: number HTyyyymm-00001 pattern, manager approves, contract approved', async () => {
    const c = await newContract(rep);
    const submitted = await ok<TContract>(await post(rep, `/api/v1/contracts/${c.id}/submit`, { version: c.version }));
    expect(submitted.status).toBe('in_review');
    expect(submitted.number).toMatch(/^HT202611-\d{5}$/);
    expect(submitted.approvalInstanceId).not.toBeNull();
    expect((await patch(rep, `/api/v1/contracts/${c.id}`, { version: submitted.version, warrantyMonths: 12 })).statusCode).toBe(409);
    await approveAs(mgr, c.id);
    const approved = await ok<TContract>(await get(rep, `/api/v1/contracts/${c.id}`));
    expect(approved).toMatchObject({ status: 'approved', versionStatus: 'effective', effectiveVersionId: approved.versionId });
    expect(approved.actions).toMatchObject({ sign: true, amend: true, edit: false });
  });

  it('a margin warning routes to the manager and then the director', async () => {
    const c = await newContract(rep, { lines: [{ productId: lowMargin.id, qty: '10', wantedDeliveryDate: '2027-03-01' }] });
    expect(c.review!.route).toContain('director');
    await ok(await post(rep, `/api/v1/contracts/${c.id}/submit`, { version: c.version }));
    expect(await todo(director).then((l) => l.some((i) => i.link === `/contracts/${c.id}`))).toBe(false);
    await approveAs(mgr, c.id);
    expect((await ok<TContract>(await get(rep, `/api/v1/contracts/${c.id}`))).status).toBe('in_review');
    await approveAs(director, c.id);
    expect((await ok<TContract>(await get(rep, `/api/v1/contracts/${c.id}`))).status).toBe('approved');
  });

  it('a blocking finding refuses submission unless the special-approval route is chosen with a reason', async () => {
    const c = await newContract(rep, { lines: [{ productId: meter.id, qty: '10', unitPrice: '790', wantedDeliveryDate: '2027-03-01' }] });
    // 790 incl. tax: margin (699.12 − 700) < 0 → block.
    expect(c.review!.level).toBe('block');
    const refused = await post(rep, `/api/v1/contracts/${c.id}/submit`, { version: c.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'CONTRACT_REVIEW_BLOCKED' });
    const special = await ok<TContract>(
      await post(rep, `/api/v1/contracts/${c.id}/submit`, { version: c.version, specialApprovalReason: '战略客户首单，总监同意特价' }),
    );
    expect(special).toMatchObject({ status: 'in_review', specialApprovalReason: '战略客户首单，总监同意特价' });
  });

  it('a credit warning adds finance', async () => {
    const c = await newContract(rep, { lines: [{ productId: meter.id, qty: '100000', wantedDeliveryDate: '2027-03-01' }] });
    expect(c.review!.findings.find((f) => f.rule === 'credit_limit')!.level).toBe('warn');
    expect(c.review!.route).toContain('finance');
    await ok(await post(rep, `/api/v1/contracts/${c.id}/submit`, { version: c.version }));
    await approveAs(mgr, c.id);
    await approveAs(director, c.id); // 100 M is above the director threshold
    await approveAs(finance, c.id);
    expect((await ok<TContract>(await get(rep, `/api/v1/contracts/${c.id}`))).status).toBe('approved');
  });

  it('a rejection returns the contract to draft for changes; a withdrawal too', async () => {
    const c = await newContract(rep);
    await ok(await post(rep, `/api/v1/contracts/${c.id}/submit`, { version: c.version }));
    const task = (await todo(mgr)).find((i) => i.link === `/contracts/${c.id}`)!;
    await ok(await post(mgr, `/api/v1/approvals/tasks/${task.taskId}/reject`, { comment: '交期需与计划确认' }));
    const back = await ok<TContract>(await get(rep, `/api/v1/contracts/${c.id}`));
    expect(back).toMatchObject({ status: 'draft', versionStatus: 'draft' });
    expect(back.number).not.toBeNull(); // the number stays with the contract
    const again = await ok<TContract>(await post(rep, `/api/v1/contracts/${c.id}/submit`, { version: back.version }));
    expect(again.number).toBe(back.number);
    const withdrawn = await ok<TContract>(await post(rep, `/api/v1/contracts/${c.id}/withdraw`, { version: again.version }));
    expect(withdrawn.status).toBe('draft');
    expect((await todo(mgr)).some((i) => i.link === `/contracts/${c.id}`)).toBe(false);
  });

  it('concurrent submissions of one version: one wins, the others get 409, one number is used', async () => {
    const c = await newContract(rep);
    const results = await Promise.all([1, 2, 3].map(() => post(rep, `/api/v1/contracts/${c.id}/submit`, { version: c.version })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
  });

  it('signing needs a signed original in the archive', async () => {
    const c = await newContract(rep);
    await ok(await post(rep, `/api/v1/contracts/${c.id}/submit`, { version: c.version }));
    await approveAs(mgr, c.id);
    const approved = await ok<TContract>(await get(rep, `/api/v1/contracts/${c.id}`));
    const res = await post(rep, `/api/v1/contracts/${c.id}/sign`, { version: approved.version, signedDate: '2026-11-02' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CONTRACT_SIGNED_ORIGINAL_MISSING' });
  });
});

describe('contracts: amendments', () => {
  it('an amendment is a new version with a readable diff; on approval it becomes the effective version', async () => {
    const c = await newContract(rep);
    await ok(await post(rep, `/api/v1/contracts/${c.id}/submit`, { version: c.version }));
    await approveAs(mgr, c.id);
    const approved = await ok<TContract>(await get(rep, `/api/v1/contracts/${c.id}`));
    const opened = await ok<TContract>(
      await post(rep, `/api/v1/contracts/${c.id}/amendments`, { version: approved.version, reason: '客户追加 20 只' }),
    );
    expect(opened).toMatchObject({
      status: 'approved',
      versionNo: 2,
      versionKind: 'amendment',
      versionStatus: 'draft',
      amendmentReason: '客户追加 20 只',
    });
    expect((await post(rep, `/api/v1/contracts/${c.id}/amendments`, { version: opened.version, reason: '再来一次' })).statusCode).toBe(409);
    const edited = await ok<TContract>(
      await patch(rep, `/api/v1/contracts/${c.id}`, {
        version: opened.version,
        lines: [{ productId: meter.id, qty: '120', wantedDeliveryDate: '2027-03-01' }],
        paymentTerms: [
          { trigger: 'signing', percent: '20', days: 10 },
          { trigger: 'shipment', percent: '70', days: 30 },
          { trigger: 'warranty_end', percent: '10', days: 0 },
        ],
      }),
    );
    expect(edited.totals.amountInclTax).toBe('120000.00');
    const diff = await ok<TContractDiff>(await get(rep, `/api/v1/contracts/${c.id}/diff`));
    expect(diff).toMatchObject({ fromVersionNo: 1, toVersionNo: 2, amountBefore: '100000.00', amountAfter: '120000.00' });
    expect(diff.entries.find((e) => e.kind === 'line_changed')).toMatchObject({
      subject: 'HT-METER-0001',
      field: 'qty',
      before: '100',
      after: '120',
    });
    expect(diff.entries.find((e) => e.kind === 'line_changed')!.message).toBe('HT-METER-0001 数量：100 → 120');
    expect(diff.entries.some((e) => e.kind === 'terms_changed')).toBe(true);
    // The effective version (what fulfilment reads) is unchanged until the amendment is approved.
    const list = await ok<TPage<TContractListItem>>(await get(rep, `/api/v1/contracts?customerId=${customerId}&limit=200`));
    expect(list.items.find((i) => i.id === c.id)).toMatchObject({ amountInclTax: '100000.00', hasOpenAmendment: true });
    await ok(await post(rep, `/api/v1/contracts/${c.id}/submit`, { version: edited.version }));
    await approveAs(mgr, c.id);
    const after = await ok<TContract>(await get(rep, `/api/v1/contracts/${c.id}`));
    expect(after).toMatchObject({ status: 'approved', versionNo: 2, versionStatus: 'effective' });
    expect(after.totals.amountInclTax).toBe('120000.00');
    expect(after.versions.map((v) => [v.versionNo, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'effective'],
    ]);
  });
});

describe('contracts: product-list annex', () => {
  it('fills the lines by material code or model and reports the rows it could not match', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('清单');
    sheet.addRow(['江苏电力 2027 年智能电表采购 附件一 产品清单']);
    sheet.addRow(['序号', '物料编码', '规格型号', '产品名称', '数量', '含税单价', '交货日期']);
    sheet.addRow([1, 'HT-METER-0001', null, '单相表', 200, 950, '2027-03-01']);
    sheet.addRow([2, null, 'DTZY-HT 1.5(6)A', '三相表', 20, null, '2027/3/15']);
    sheet.addRow([3, 'NO-SUCH-CODE', null, '未知产品', 5, 100, null]);
    sheet.addRow([4, 'HT-METER-0001', null, '单相表', 'abc', 950, null]);
    const content = Buffer.from(await wb.xlsx.writeBuffer());
    const c = await newContract(rep);
    const boundary = '----crm-annex';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="annex.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await rep.request({
      method: 'POST',
      url: `/api/v1/contracts/${c.id}/annex?mode=replace`,
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    const result = await ok<TAnnexImportResult>(res);
    expect(result.matchedRows).toBe(2);
    expect(result.unmatched.map((u) => [u.row, u.reason])).toEqual([
      [5, '目录中找不到该物料编码或型号'],
      [6, '数量无效'],
    ]);
    expect(result.contract.lines.map((l) => [l.materialCode, l.qty, l.unitPrice, l.wantedDeliveryDate])).toEqual([
      ['HT-METER-0001', '200', '950', '2027-03-01'],
      ['HT-METER-0002', '20', '1000', '2027-03-15'],
    ]);
    expect(result.contract.totals.amountInclTax).toBe('210000.00');
  });
});

describe('contracts: settings', () => {
  it('changes thresholds (audited) and the review follows them', async () => {
    const admin = await t.login('admin');
    const current = await ok<{ settings: Record<string, unknown>; version: number }>(await get(admin, '/api/v1/contract-settings'));
    expect(current.settings).toMatchObject({ numberPattern: 'HT{yyyy}{mm}-{seq:5}', marginWarnPercent: '15' });
    expect((await s_put(rep, current)).statusCode).toBe(403);
    const bad = await s_put(admin, { ...current, settings: { ...current.settings, marginBlockPercent: '20' } });
    expect(bad.statusCode).toBe(400);
    await ok(await s_put(admin, { ...current, settings: { ...current.settings, penaltyCapPercent: '20' } }));
    const c = await newContract(rep, { latePenalty: { capPercent: '15' } });
    expect(c.review!.findings.find((f) => f.rule === 'penalty_cap')!.level).toBe('pass');
    const again = await ok<{ settings: Record<string, unknown>; version: number }>(await get(admin, '/api/v1/contract-settings'));
    await ok(await s_put(admin, { ...again, settings: { ...again.settings, penaltyCapPercent: '10' } }));
  });
});

function s_put(s: Session, body: unknown) {
  return s.request({ method: 'PUT', url: '/api/v1/contract-settings', payload: body });
}
