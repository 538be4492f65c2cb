import type {
  TApprovalInboxItem,
  TContract,
  TContractDocument,
  TContractDocumentList,
  TContractListItem,
  TContractTemplate,
  TPage,
  TProduct,
} from '@crm/contracts';
import { and, eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import PizZip from 'pizzip';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEntry, notification } from '../../../../kernel/kernel.schema.ts';
import { renderNotification } from '../../../../kernel/notifications/notifications.ts';
import { createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { buildDefaultTemplateDocx } from '../default-template.ts';
import { docxText } from '../docx-template.ts';

let t: TestApp;
let rep: Session; // rep.east1, owner of 国网江苏省电力有限公司
let repNorth: Session; // another team: sees none of rep's contracts
let mgr: Session; // mgr.east: department scope over rep
let reviewer: Session; // contract reviewer: manages templates
let customerId: string;
let meter: TProduct;

type Res = { statusCode: number; body: string; rawPayload: Buffer; headers: Record<string, unknown>; json(): unknown };
async function ok<T>(res: Res, status = 200): Promise<T> {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(status);
  return res.json() as T;
}
const post = (s: Session, url: string, payload?: unknown) => s.request({ method: 'POST', url, payload: payload ?? {} });
const get = (s: Session, url: string) => s.request({ method: 'GET', url });

/** A multipart body with text fields and one file part. */
function multipart(s: Session, url: string, fields: Record<string, string>, file?: { name: string; content: Buffer }) {
  const boundary = '----contractdocs';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return s.request({
    method: 'POST',
    url,
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

async function pdfOf(pages: number, label: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([400, 500]).drawText(`${label} ${i + 1}`, { x: 30, y: 250 });
  return Buffer.from(await doc.save());
}

const upload = (s: Session, contractId: string, kind: string, file: { name: string; content: Buffer }, title?: string) =>
  multipart(s, `/api/v1/contracts/${contractId}/documents`, { kind, ...(title ? { title } : {}) }, file);

async function newContract(s: Session): Promise<TContract> {
  return ok<TContract>(
    await post(s, '/api/v1/contracts', {
      customerId,
      title: '江苏电力 2027 智能电表采购（归档测试）',
      lines: [{ productId: meter.id, qty: '100', unitPrice: '1000', wantedDeliveryDate: '2027-03-01' }],
      paymentTerms: [
        { trigger: 'signing', percent: '30', days: 10 },
        { trigger: 'shipment', percent: '60', days: 30 },
        { trigger: 'warranty_end', percent: '10', days: 0 },
      ],
      deliveryTerms: { place: '南京市江宁区供电仓库', deliveryDate: '2027-03-01' },
    }),
    201,
  );
}

async function approve(contract: TContract): Promise<TContract> {
  await ok(await post(rep, `/api/v1/contracts/${contract.id}/submit`, { version: contract.version }));
  const tasks = (await ok<TPage<TApprovalInboxItem>>(await get(mgr, '/api/v1/approvals/tasks?box=todo&limit=200'))).items;
  const task = tasks.find((i) => i.link === `/contracts/${contract.id}`);
  expect(task, 'approval task').toBeDefined();
  await ok(await post(mgr, `/api/v1/approvals/tasks/${task!.taskId}/approve`, { comment: '同意' }));
  return ok<TContract>(await get(rep, `/api/v1/contracts/${contract.id}`));
}

async function sign(contract: TContract, signedDate: string): Promise<TContract> {
  const approved = await approve(contract);
  await ok(await upload(rep, contract.id, 'signed_original', { name: '双方签章合同.pdf', content: await pdfOf(2, 'signed') }), 201);
  return ok<TContract>(await post(rep, `/api/v1/contracts/${contract.id}/sign`, { version: approved.version, signedDate }));
}

const documentsOf = (s: Session, contractId: string) => get(s, `/api/v1/contracts/${contractId}/documents`);
const audits = (action: string, entityId: string) =>
  t.database.db
    .select()
    .from(auditEntry)
    .where(and(eq(auditEntry.action, action), eq(auditEntry.entityId, entityId)));
const warningsFor = (contractId: string) =>
  t.database.db
    .select()
    .from(notification)
    .where(and(eq(notification.kind, 'contracts.archive_warning'), eq(notification.entityId, contractId)));

beforeAll(async () => {
  t = await createTestApp();
  [rep, repNorth, mgr, reviewer] = await Promise.all([
    t.login('rep.east1'),
    t.login('rep.north1'),
    t.login('mgr.east'),
    t.login('legal.1'),
  ]);
  const pm = await t.login('pm.meter');
  const [demo] = (await ok<{ items: TProduct[] }>(await get(pm, '/api/v1/products?limit=1'))).items;
  meter = await ok<TProduct>(
    await post(pm, '/api/v1/products', {
      materialCode: 'DOC-METER-0001',
      name: '归档测试三相电表',
      model: 'DTZY-DOC 1.5(6)A',
      unit: '只',
      categoryId: demo!.categoryId,
      listPrice: '1000.00',
      floorPrice: '800.00',
      standardCost: '700.00',
      taxRate: '0.13',
      warrantyMonths: 24,
      leadTimeDays: 30,
    }),
    201,
  );
  const customers = (await ok<{ items: { id: string; name: string }[] }>(await get(rep, '/api/v1/customers?q=国网江苏省电力有限公司')))
    .items;
  customerId = customers.find((c) => c.name === '国网江苏省电力有限公司')!.id;
});

describe('contract documents: upload, versions, scope', () => {
  it('seeds the archive of the demo contracts: each signed one has its signed original, all but the three latest are complete', async () => {
    const admin = await t.login('admin');
    const signed = (
      await ok<TPage<TContractListItem>>(
        await get(admin, '/api/v1/contracts?status=signed&status=executing&status=completed&sort=signed_desc&limit=200'),
      )
    ).items;
    expect(signed.length).toBeGreaterThan(3);
    const archives = [];
    for (const c of signed) archives.push((await ok<TContractDocumentList>(await documentsOf(admin, c.id))).archive);
    expect(archives.every((a) => !a.missingKinds.includes('signed_original'))).toBe(true);
    expect(archives.slice(0, 3).every((a) => !a.isComplete)).toBe(true);
    expect(archives.slice(3).every((a) => a.isComplete)).toBe(true);
    // Made from accepted quotes, the demo contracts name their opportunity.
    expect((await ok<TContract>(await get(admin, `/api/v1/contracts/${signed[0]!.id}`))).opportunityName).toBeTruthy();
  });

  it('uploads typed documents with versions, lists them with the archive status, downloads each version', async () => {
    const c = await newContract(rep);
    const first = await pdfOf(1, 'v1');
    const second = await pdfOf(2, 'v2');
    const doc = await ok<TContractDocument>(await upload(rep, c.id, 'signed_original', { name: '合同扫描件.pdf', content: first }), 201);
    expect(doc).toMatchObject({ kind: 'signed_original', title: '合同扫描件', source: 'uploaded', currentVersionNo: 1 });
    expect(doc.versions[0]).toMatchObject({ versionNo: 1, fileName: '合同扫描件.pdf', contentType: 'application/pdf', size: first.length });

    const next = await ok<TContractDocument>(
      await multipart(
        rep,
        `/api/v1/contracts/${c.id}/documents/${doc.id}/versions`,
        { note: '客户盖章版' },
        { name: '合同扫描件-盖章.pdf', content: second },
      ),
      201,
    );
    expect(next.currentVersionNo).toBe(2);
    expect(next.versions.map((v) => [v.versionNo, v.note])).toEqual([
      [2, '客户盖章版'],
      [1, null],
    ]);

    const current = await get(rep, `/api/v1/contracts/${c.id}/documents/${doc.id}/content`);
    expect(current.statusCode).toBe(200);
    expect(current.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(current.rawPayload, second)).toBe(0);
    const v1 = await get(rep, `/api/v1/contracts/${c.id}/documents/${doc.id}/versions/1/content`);
    expect(Buffer.compare(v1.rawPayload, first)).toBe(0);

    const list = await ok<TContractDocumentList>(await documentsOf(rep, c.id));
    expect(list.items.map((d) => d.id)).toEqual([doc.id]);
    expect(list.archive).toMatchObject({
      requiredKinds: ['signed_original', 'commercial_attachment'],
      presentKinds: ['signed_original'],
      missingKinds: ['commercial_attachment'],
      isComplete: false,
      archivedAt: null,
      dueDate: null,
    });
    expect(list.canDelete).toBe(true);
    expect(await audits('contract.document.upload', c.id)).toHaveLength(1);
    expect(await audits('contract.document.version', c.id)).toHaveLength(1);
    expect(await audits('contract.document.download', c.id)).toHaveLength(2);
    expect((await audits('contract.documents.read', c.id)).length).toBeGreaterThanOrEqual(1);

    // The manager sees the team's contracts.
    expect((await ok<TContractDocumentList>(await documentsOf(mgr, c.id))).items).toHaveLength(1);
  });

  it('a rep can neither list nor upload to another rep’s contract (404), nor read its files or archive', async () => {
    const c = await newContract(rep);
    const doc = await ok<TContractDocument>(await upload(rep, c.id, 'other', { name: '备忘.pdf', content: await pdfOf(1, 'memo') }), 201);
    expect((await documentsOf(repNorth, c.id)).statusCode).toBe(404);
    expect((await upload(repNorth, c.id, 'other', { name: 'x.pdf', content: await pdfOf(1, 'x') })).statusCode).toBe(404);
    expect(
      (
        await multipart(
          repNorth,
          `/api/v1/contracts/${c.id}/documents/${doc.id}/versions`,
          {},
          { name: 'x.pdf', content: await pdfOf(1, 'x') },
        )
      ).statusCode,
    ).toBe(404);
    expect((await get(repNorth, `/api/v1/contracts/${c.id}/documents/${doc.id}/content`)).statusCode).toBe(404);
    expect((await get(repNorth, `/api/v1/contracts/${c.id}/archive.pdf`)).statusCode).toBe(404);
    expect((await repNorth.request({ method: 'DELETE', url: `/api/v1/contracts/${c.id}/documents/${doc.id}` })).statusCode).toBe(404);
    const builtin = (await ok<{ items: TContractTemplate[] }>(await get(repNorth, '/api/v1/contract-templates'))).items.find(
      (x) => x.isBuiltin,
    )!;
    expect((await post(repNorth, `/api/v1/contracts/${c.id}/documents/generate`, { templateId: builtin.id })).statusCode).toBe(404);
    // Nothing was added by the refused calls.
    expect((await ok<TContractDocumentList>(await documentsOf(rep, c.id))).items).toHaveLength(1);
  });

  it('refuses an upload without a kind or a file, and a document of another contract', async () => {
    const c = await newContract(rep);
    const other = await newContract(rep);
    const noKind = await multipart(rep, `/api/v1/contracts/${c.id}/documents`, {}, { name: 'a.pdf', content: await pdfOf(1, 'a') });
    expect(noKind.statusCode).toBe(400);
    expect(
      (await multipart(rep, `/api/v1/contracts/${c.id}/documents`, { kind: 'invoice' }, { name: 'a.pdf', content: await pdfOf(1, 'a') }))
        .statusCode,
    ).toBe(400);
    expect((await multipart(rep, `/api/v1/contracts/${c.id}/documents`, { kind: 'other' })).json()).toMatchObject({
      code: 'CONTRACT_DOCUMENT_FILE_REQUIRED',
    });
    const doc = await ok<TContractDocument>(await upload(rep, other.id, 'other', { name: 'b.pdf', content: await pdfOf(1, 'b') }), 201);
    expect((await get(rep, `/api/v1/contracts/${c.id}/documents/${doc.id}/content`)).statusCode).toBe(404);
  });

  it('deletes documents only while the contract is a draft', async () => {
    const c = await newContract(rep);
    const keep = await ok<TContractDocument>(
      await upload(rep, c.id, 'technical_agreement', { name: '技术协议.pdf', content: await pdfOf(1, 't') }),
      201,
    );
    const drop = await ok<TContractDocument>(await upload(rep, c.id, 'other', { name: '草稿.pdf', content: await pdfOf(1, 'd') }), 201);
    expect((await rep.request({ method: 'DELETE', url: `/api/v1/contracts/${c.id}/documents/${drop.id}` })).statusCode).toBe(204);
    expect(await audits('contract.document.delete', c.id)).toHaveLength(1);
    await ok(await post(rep, `/api/v1/contracts/${c.id}/submit`, { version: c.version }));
    const refused = await rep.request({ method: 'DELETE', url: `/api/v1/contracts/${c.id}/documents/${keep.id}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'CONTRACT_DOCUMENT_DELETE_NOT_DRAFT' });
    const list = await ok<TContractDocumentList>(await documentsOf(rep, c.id));
    expect(list.items.map((d) => d.id)).toEqual([keep.id]);
    expect(list.canDelete).toBe(false);
  });
});

describe('contract templates and generation', () => {
  const docx = (paragraphs: string[]) => {
    const zip = new PizZip(buildDefaultTemplateDocx());
    zip.file(
      'word/document.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs
        .map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`)
        .join('')}</w:body></w:document>`,
    );
    return zip.generate({ type: 'nodebuffer' });
  };

  it('ships a built-in template, and generates the contract text from contract data as versions of one document', async () => {
    const templates = (await ok<{ items: TContractTemplate[] }>(await get(rep, '/api/v1/contract-templates'))).items;
    const builtin = templates.find((x) => x.isBuiltin)!;
    expect(builtin).toMatchObject({ isActive: true, contractType: null, currentVersionNo: 1 });
    expect(builtin.versions[0]!.unknownPlaceholders).toEqual([]);

    const c = await newContract(rep);
    await ok(await post(rep, `/api/v1/contracts/${c.id}/submit`, { version: c.version }));
    const submitted = await ok<TContract>(await get(rep, `/api/v1/contracts/${c.id}`));
    expect(submitted.number).toMatch(/^HT\d{6}-\d{5}$/);

    const generated = await ok<TContractDocument>(
      await post(rep, `/api/v1/contracts/${c.id}/documents/generate`, { templateId: builtin.id }),
      201,
    );
    expect(generated).toMatchObject({ kind: 'contract_text', source: 'generated', currentVersionNo: 1 });
    expect(generated.versions[0]).toMatchObject({ templateId: builtin.id, templateName: builtin.name, templateVersionNo: 1 });
    expect(generated.versions[0]!.fileName).toBe(`${submitted.number}-合同文本.docx`);

    const file = await get(rep, `/api/v1/contracts/${c.id}/documents/${generated.id}/content`);
    expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const text = docxText(file.rawPayload);
    expect(text).toContain(submitted.number!);
    expect(text).toContain('DOC-METER-0001');
    expect(text).toContain('预付款：合同签订后 10 日内，买方支付合同总额的 30%，计人民币 30,000.00 元。');
    expect(text).toContain('人民币壹拾万元整');
    expect(text).toContain('南京市江宁区供电仓库');

    const again = await ok<TContractDocument>(
      await post(rep, `/api/v1/contracts/${c.id}/documents/generate`, { templateId: builtin.id, note: '重新生成' }),
      201,
    );
    expect(again.id).toBe(generated.id);
    expect(again.versions.map((v) => v.versionNo)).toEqual([2, 1]);
    expect(await audits('contract.document.generate', c.id)).toHaveLength(2);
    // The generated text is not an archive kind of its own.
    const list = await ok<TContractDocumentList>(await documentsOf(rep, c.id));
    expect(list.archive.presentKinds).toEqual(['contract_text']);
    expect(list.archive.missingKinds).toEqual(['signed_original', 'commercial_attachment']);
  });

  it('lets template managers upload, version and deactivate templates; reports unknown placeholders; refuses broken files', async () => {
    expect(
      (await multipart(rep, '/api/v1/contract-templates', { name: '销售自建模板' }, { name: 't.docx', content: docx(['{number}']) }))
        .statusCode,
    ).toBe(403);
    const broken = await multipart(
      reviewer,
      '/api/v1/contract-templates',
      { name: '坏模板' },
      { name: 'bad.docx', content: docx(['{#lines}{qty}']) },
    );
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ code: 'CONTRACT_TEMPLATE_INVALID' });
    expect(
      (await multipart(reviewer, '/api/v1/contract-templates', { name: '不是模板' }, { name: 'x.pdf', content: await pdfOf(1, 'x') }))
        .statusCode,
    ).toBe(400);

    const created = await ok<TContractTemplate>(
      await multipart(
        reviewer,
        '/api/v1/contract-templates',
        { name: '框架协议模板', contractType: 'framework', description: '框架合同' },
        {
          name: '框架协议.docx',
          content: docx([
            '合同编号 {number}，客户 {customerName}，{customerNmae}',
            '{#lines}{materialCode} {colour}{/lines}',
            '{paymentTermsText}',
          ]),
        },
      ),
      201,
    );
    expect(created).toMatchObject({ name: '框架协议模板', contractType: 'framework', isActive: true, currentVersionNo: 1 });
    expect(created.versions[0]!.unknownPlaceholders).toEqual(['customerNmae', 'lines.colour']);
    expect(await audits('contract.template.create', created.id)).toHaveLength(1);

    // A standard contract cannot use a framework-only template.
    const c = await newContract(rep);
    const mismatch = await post(rep, `/api/v1/contracts/${c.id}/documents/generate`, { templateId: created.id });
    expect(mismatch.statusCode).toBe(409);
    expect(mismatch.json()).toMatchObject({ code: 'CONTRACT_TEMPLATE_TYPE_MISMATCH' });

    const versioned = await ok<TContractTemplate>(
      await multipart(
        reviewer,
        `/api/v1/contract-templates/${created.id}/versions`,
        {},
        { name: '框架协议-v2.docx', content: docx(['{number} {title}']) },
      ),
      201,
    );
    expect(versioned.currentVersionNo).toBe(2);
    expect(versioned.versions.map((v) => [v.versionNo, v.unknownPlaceholders])).toEqual([
      [2, []],
      [1, ['customerNmae', 'lines.colour']],
    ]);

    const deactivated = await ok<TContractTemplate>(
      await reviewer.request({
        method: 'PATCH',
        url: `/api/v1/contract-templates/${created.id}`,
        payload: { version: versioned.version, isActive: false },
      }),
    );
    expect(deactivated.isActive).toBe(false);
    const repSees = (await ok<{ items: TContractTemplate[] }>(await get(rep, '/api/v1/contract-templates'))).items.map((x) => x.id);
    expect(repSees).not.toContain(created.id);
    const reviewerSees = (await ok<{ items: TContractTemplate[] }>(await get(reviewer, '/api/v1/contract-templates'))).items.map(
      (x) => x.id,
    );
    expect(reviewerSees).toContain(created.id);
    const stale = await reviewer.request({
      method: 'PATCH',
      url: `/api/v1/contract-templates/${created.id}`,
      payload: { version: versioned.version, name: '旧' },
    });
    expect(stale.statusCode).toBe(409);
  });
});

describe('archive: status, signing, merged PDF, warnings', () => {
  it('completes the archive with the required kinds, signs only with a signed original, and merges the PDFs', async () => {
    const c = await newContract(rep);
    const approved = await approve(c);
    const refused = await post(rep, `/api/v1/contracts/${c.id}/sign`, { version: approved.version, signedDate: '2026-11-02' });
    expect(refused.json()).toMatchObject({ code: 'CONTRACT_SIGNED_ORIGINAL_MISSING' });
    expect(await t.modules.contracts.documents.hasSignedOriginal(t.database.db, c.id)).toBe(false);

    await ok(await upload(rep, c.id, 'technical_agreement', { name: '技术协议.pdf', content: await pdfOf(3, 'tech') }), 201);
    await ok(
      await upload(rep, c.id, 'commercial_attachment', {
        name: '产品清单.txt',
        content: Buffer.from('物料编码,数量\nDOC-METER-0001,100\n'),
      }),
      201,
    );
    await ok(await upload(rep, c.id, 'signed_original', { name: '双方签章合同.pdf', content: await pdfOf(2, 'signed') }), 201);
    expect(await t.modules.contracts.documents.hasSignedOriginal(t.database.db, c.id)).toBe(true);
    expect(await t.modules.contracts.documents.archiveStatus(t.database.db, c.id, 'standard')).toEqual({
      requiredKinds: ['signed_original', 'commercial_attachment'],
      presentKinds: ['signed_original', 'commercial_attachment', 'technical_agreement'],
      missingKinds: [],
      isComplete: true,
    });
    const signed = await ok<TContract>(
      await post(rep, `/api/v1/contracts/${c.id}/sign`, { version: approved.version, signedDate: '2026-11-02' }),
    );
    expect(signed.status).toBe('signed');

    const list = await ok<TContractDocumentList>(await documentsOf(rep, c.id));
    expect(list.archive).toMatchObject({ isComplete: true, missingKinds: [], dueDate: '2026-11-09', isOverdue: false });
    expect(list.archive.archivedAt).not.toBeNull();

    const res = await get(rep, `/api/v1/contracts/${c.id}/archive.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const merged = await PDFDocument.load(res.rawPayload);
    // Cover + signed original (2) + technical agreement (3); the text attachment is listed only.
    expect(merged.getPageCount()).toBe(1 + 2 + 3);
    expect(merged.getPage(1).getSize()).toEqual({ width: 400, height: 500 });
    const [exported] = await audits('contract.archive.export', c.id);
    expect(exported!.meta).toMatchObject({ documents: 3, included: 2, pages: 6 });
  });

  it('warns the owner once a day when a signed contract is not archived within N days, naming what is missing', async () => {
    const job = t.kernel.jobs.definitions.get('contracts.archive-warning')!;
    expect(job).toBeDefined();
    const incomplete = await sign(await newContract(rep), '2026-11-02');
    const complete = await newContract(rep);
    await ok(await upload(rep, complete.id, 'commercial_attachment', { name: '清单.pdf', content: await pdfOf(1, 'list') }), 201);
    await sign(complete, '2026-11-02');

    // Sessions expire while the clock jumps days ahead: sign in again at each new time.
    const at = async (instant: string) => {
      t.clock.set(instant);
      return t.login('rep.east1');
    };
    let owner = await at('2026-11-09T02:00:00Z'); // 7 days after signing: not yet late
    await t.kernel.jobs.runNow(job, {});
    expect(await warningsFor(incomplete.id)).toHaveLength(0);
    expect((await ok<TContractDocumentList>(await documentsOf(owner, incomplete.id))).archive.isOverdue).toBe(false);

    owner = await at('2026-11-10T02:00:00Z'); // 8 days: late
    await t.kernel.jobs.runNow(job, {});
    await t.kernel.jobs.runNow(job, {}); // a second run the same day adds nothing
    const warnings = await warningsFor(incomplete.id);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ userId: rep.userId, link: `/contracts/${incomplete.id}` });
    expect(warnings[0]!.params).toMatchObject({ days: 8, missingKinds: ['commercial_attachment'] });
    expect(renderNotification(warnings[0]!, 'zh-CN').body).toContain('缺少：商务附件。');
    expect(renderNotification(warnings[0]!, 'en-US').body).toContain('is missing: Commercial attachment.');
    expect(await warningsFor(complete.id)).toHaveLength(0);
    expect((await ok<TContractDocumentList>(await documentsOf(owner, incomplete.id))).archive).toMatchObject({
      isOverdue: true,
      dueDate: '2026-11-09',
    });
    expect(await audits('contract.archive.warning', incomplete.id)).toHaveLength(1);

    owner = await at('2026-11-11T02:00:00Z');
    await t.kernel.jobs.runNow(job, {});
    expect(await warningsFor(incomplete.id)).toHaveLength(2);

    // Once archived, the warnings stop.
    await ok(await upload(owner, incomplete.id, 'commercial_attachment', { name: '清单.pdf', content: await pdfOf(1, 'list') }), 201);
    t.clock.set('2026-11-12T02:00:00Z');
    await t.kernel.jobs.runNow(job, {});
    expect(await warningsFor(incomplete.id)).toHaveLength(2);
    t.clock.set('2026-11-02T02:00:00Z');
    rep = await t.login('rep.east1');
  });

  it('lets template managers change the required kinds and the archive-within days', async () => {
    reviewer = await t.login('legal.1');
    const current = await ok<{ version: number; archiveWithinDays: number; requiredKinds: Record<string, string[]> }>(
      await get(rep, '/api/v1/contract-archive-settings'),
    );
    expect(current).toMatchObject({
      archiveWithinDays: 7,
      requiredKinds: {
        standard: ['signed_original', 'commercial_attachment'],
        framework: ['signed_original'],
        non_standard: ['signed_original', 'commercial_attachment', 'technical_agreement'],
        overseas: ['signed_original', 'commercial_attachment'],
      },
    });
    const body = { ...current, archiveWithinDays: 10, requiredKinds: { ...current.requiredKinds, standard: ['signed_original'] } };
    expect((await rep.request({ method: 'PUT', url: '/api/v1/contract-archive-settings', payload: body })).statusCode).toBe(403);
    const updated = await ok<{ version: number; archiveWithinDays: number }>(
      await reviewer.request({ method: 'PUT', url: '/api/v1/contract-archive-settings', payload: body }),
    );
    expect(updated).toMatchObject({ archiveWithinDays: 10, version: current.version + 1 });
    const c = await newContract(rep);
    expect((await ok<TContractDocumentList>(await documentsOf(rep, c.id))).archive.requiredKinds).toEqual(['signed_original']);
    await ok(
      await reviewer.request({
        method: 'PUT',
        url: '/api/v1/contract-archive-settings',
        payload: { ...current, version: updated.version },
      }),
    );
  });
});
