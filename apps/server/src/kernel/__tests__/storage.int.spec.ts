import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createLocalStorage, createStorage, type FileStorage } from '../files/storage.ts';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

async function exercise(storage: FileStorage): Promise<void> {
  const key = 'ab/cd/abcdef0123456789';
  const content = Buffer.from('验收单 acceptance note');
  expect(await storage.exists(key)).toBe(false);
  await storage.put(key, content, 'text/plain');
  expect(await storage.exists(key)).toBe(true);
  expect((await readAll(await storage.open(key))).equals(content)).toBe(true);
  await storage.remove(key);
  expect(await storage.exists(key)).toBe(false);
  await expect(storage.put('../escape', content, 'text/plain')).rejects.toThrow(/Unsafe storage key/);
}

describe('local disk storage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('stores, reads and removes by key, refusing unsafe keys', async () => {
    await exercise(createLocalStorage(dir));
  });
});

describe('S3-compatible storage (against an S3 simulator)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-s3-'));
  let server: S3rver;
  let endpoint: string;
  beforeAll(async () => {
    server = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: dir,
      configureBuckets: [{ name: 'crm-files', configs: [] }],
    });
    const { port } = (await server.run()) as { port: number };
    endpoint = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores, reads and removes by key through the S3 API', async () => {
    const config = loadConfig({
      CRM_FILE_STORAGE: 's3',
      CRM_S3_ENDPOINT: endpoint,
      CRM_S3_BUCKET: 'crm-files',
      CRM_S3_ACCESS_KEY_ID: 'S3RVER',
      CRM_S3_SECRET_ACCESS_KEY: 'S3RVER',
    });
    await exercise(await createStorage(config.files));
  });
});
