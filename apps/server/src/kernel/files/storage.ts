import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { Config } from '../config.ts';

/** Where file contents live. Keys are ours (content hashes), never a user-given path. */
export interface FileStorage {
  readonly kind: 'local' | 's3';
  put(key: string, content: Buffer, mimeType: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  open(key: string): Promise<Readable>;
  remove(key: string): Promise<void>;
}

const SAFE_KEY = /^[a-z0-9][a-z0-9/_-]{0,200}$/;

function checkKey(key: string): string {
  if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`Unsafe storage key ${key}`);
  return key;
}

export function createLocalStorage(dir: string): FileStorage {
  const root = resolve(dir);
  const pathOf = (key: string) => join(root, checkKey(key));
  return {
    kind: 'local',
    async put(key, content) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Write then rename, so a reader never sees half a file.
      const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, content);
      await rename(tmp, path);
    },
    async exists(key) {
      try {
        await stat(pathOf(key));
        return true;
      } catch {
        return false;
      }
    },
    async open(key) {
      return createReadStream(pathOf(key));
    },
    async remove(key) {
      await unlink(pathOf(key)).catch(() => undefined);
    },
  };
}

/** S3-compatible object storage (AWS S3, MinIO, Aliyun OSS, Tencent COS). */
export async function createS3Storage(cfg: Extract<Config['files'], { kind: 's3' }>): Promise<FileStorage> {
  const { S3Client, PutObjectCommand, GetObjectCommand, HeadObjectCommand, DeleteObjectCommand } = await import('@aws-sdk/client-s3');
  const client = new S3Client({
    region: cfg.region,
    ...(cfg.endpoint ? { endpoint: cfg.endpoint } : {}),
    forcePathStyle: cfg.forcePathStyle,
    credentials: { accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey },
  });
  return {
    kind: 's3',
    async put(key, content, mimeType) {
      await client.send(new PutObjectCommand({ Bucket: cfg.bucket, Key: checkKey(key), Body: content, ContentType: mimeType }));
    },
    async exists(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: cfg.bucket, Key: checkKey(key) }));
        return true;
      } catch {
        return false;
      }
    },
    async open(key) {
      const out = await client.send(new GetObjectCommand({ Bucket: cfg.bucket, Key: checkKey(key) }));
      return out.Body as Readable;
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: cfg.bucket, Key: checkKey(key) }));
    },
  };
}

export function createStorage(cfg: Config['files']): Promise<FileStorage> {
  return cfg.kind === 'local' ? Promise.resolve(createLocalStorage(cfg.dir)) : createS3Storage(cfg);
}

export { Readable };
