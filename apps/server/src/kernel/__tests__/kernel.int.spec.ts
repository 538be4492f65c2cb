import { z } from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import { withTx } from '../db/tx.ts';
import { defineJob, createJobs } from '../jobs/jobs.ts';
import { nextNumber } from '../numbering/numbering.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});

describe('numbering', () => {
  it('hands out gap-free, unique numbers to 50 concurrent transactions, per period', async () => {
    const at = new Date('2026-11-15T04:00:00Z');
    const numbers = await Promise.all(
      Array.from({ length: 50 }, () =>
        withTx(t.database.db, (tx) => nextNumber(tx, { key: 'contract', pattern: 'HT{yyyy}{mm}-{seq:5}', at, timezone: 'Asia/Shanghai' })),
      ),
    );
    expect(new Set(numbers).size).toBe(50);
    expect([...numbers].sort()).toEqual(Array.from({ length: 50 }, (_, i) => `HT202611-${String(i + 1).padStart(5, '0')}`));
    const december = await withTx(t.database.db, (tx) =>
      nextNumber(tx, { key: 'contract', pattern: 'HT{yyyy}{mm}-{seq:5}', at: new Date('2026-11-30T16:30:00Z'), timezone: 'Asia/Shanghai' }),
    );
    expect(december).toBe('HT202612-00001');
  });

  it('does not burn a number when the transaction rolls back', async () => {
    const at = new Date('2026-10-01T04:00:00Z');
    const pattern = 'FH{yyyy}{mm}{seq:3}';
    await expect(
      withTx(t.database.db, async (tx) => {
        await nextNumber(tx, { key: 'shipment', pattern, at, timezone: 'Asia/Shanghai' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const n = await withTx(t.database.db, (tx) => nextNumber(tx, { key: 'shipment', pattern, at, timezone: 'Asia/Shanghai' }));
    expect(n).toBe('FH202610001');
  });
});

describe('files', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  const upload = (name: string, content: Buffer, contentType = 'application/octet-stream') => {
    const boundary = '----crmtest';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${contentType}\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return admin.request({
      method: 'POST',
      url: '/api/v1/files',
      payload: body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  };

  it('checks the type by content, not by name, and downloads as an attachment with a safe name', async () => {
    const res = await upload('../../合同 扫描件.pdf', pdf);
    expect(res.statusCode).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({ name: '合同 扫描件.pdf', mimeType: 'application/pdf', size: pdf.length });
    const download = await admin.request({ method: 'GET', url: `/api/v1/files/${file.id}/content` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''%E5%90%88%E5%90%8C");
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });

  it('refuses an executable renamed to .pdf', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200)]);
    const res = await upload('invoice.pdf', elf, 'application/pdf');
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('FILE_TYPE_NOT_ALLOWED');
  });

  it("keeps another user's file out of a rep's reach", async () => {
    const res = await upload('plan.pdf', pdf);
    const rep = await t.login('rep.east1');
    expect((await rep.request({ method: 'GET', url: `/api/v1/files/${res.json().id}` })).statusCode).toBe(404);
  });
});

describe('jobs', () => {
  it('runs a queued job through pg-boss on this database', async () => {
    const seen: string[] = [];
    const job = defineJob({
      name: 'test.echo',
      payload: z.object({ word: z.string() }),
      handler: async (data) => {
        seen.push(data.word);
      },
    });
    const jobs = createJobs({ database: t.database, timezone: 'Asia/Shanghai', logger: t.app.log, enabled: true });
    jobs.register(job);
    await jobs.start();
    try {
      await jobs.send(job, { word: '回款' });
      const deadline = Date.now() + 20_000;
      while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(seen).toEqual(['回款']);
    } finally {
      await jobs.stop();
    }
  });
});
