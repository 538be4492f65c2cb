import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { TStoredFile } from '@crm/contracts';
import { fileTypeFromBuffer } from 'file-type';
import { scopeFilter } from '../access/access.ts';
import { writeAudit } from '../audit/audit.ts';
import type { Actor } from '../auth/actor.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { withTx } from '../db/tx.ts';
import { AppError, CommonError, defineErrors } from '../errors.ts';
import { iso } from '../http/pagination.ts';
import { findStoredFile, insertStoredFile, storedFileScope, type StoredFileRow } from './files.repository.ts';
import type { FileStorage } from './storage.ts';

export const FileErrorCode = defineErrors({
  FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    'zh-CN': '不支持的文件类型（{detected}），允许：{allowed}',
    'en-US': 'File type {detected} is not allowed; allowed: {allowed}',
  },
  FILE_TOO_LARGE: { status: 413, 'zh-CN': '文件过大（上限 {limit}）', 'en-US': 'The file is too large (limit {limit})' },
  FILE_EMPTY: { status: 400, 'zh-CN': '文件为空', 'en-US': 'The file is empty' },
});

/** Kinds of content we recognise, by what the bytes are (never by the file name). */
export const FileKinds = {
  pdf: ['application/pdf'],
  image: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'],
  office: [
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/x-cfb',
  ],
  archive: ['application/zip'],
  text: ['text/plain', 'text/csv', 'application/xml'],
} as const;

export const DEFAULT_ALLOWED_TYPES: readonly string[] = Object.values(FileKinds).flat();

async function detectType(content: Buffer): Promise<string> {
  const detected = await fileTypeFromBuffer(content);
  if (detected) return detected.mime;
  // No magic number: accept it as text only when it is valid UTF-8 without control bytes.
  const sample = content.subarray(0, 64 * 1024);
  if (sample.includes(0)) return 'application/octet-stream';
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(sample);
    if (text.trimStart().startsWith('<?xml')) return 'application/xml';
    return 'text/plain';
  } catch {
    return 'application/octet-stream';
  }
}

/** A name safe to show and to put in Content-Disposition: no path, no control characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const cleaned = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 180);
  return cleaned || 'file';
}

export function contentDisposition(name: string): string {
  const safe = safeFileName(name);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/[%;\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}

/** Answers with a stored file as a download: its type, a safe file name, no sniffing, no caching. */
export function sendStoredFile(reply: FastifyReply, opened: { file: { name: string; mimeType: string }; stream: Readable }): FastifyReply {
  return reply
    .type(opened.file.mimeType)
    .header('content-disposition', contentDisposition(opened.file.name))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(opened.stream);
}

function toDto(row: StoredFileRow): TStoredFile {
  return { id: row.id, name: row.name, mimeType: row.mimeType, size: row.size, sha256: row.sha256, createdAt: iso(row.createdAt) };
}

export function createFileService(deps: { db: Db; storage: FileStorage; clock: Clock; maxBytes: number }) {
  return {
    /** Stores content addressed by its hash; the same bytes are kept once however often uploaded. */
    async upload(
      actor: Actor,
      input: { name: string; content: Buffer },
      policy: { allowedTypes?: readonly string[]; maxBytes?: number } = {},
    ): Promise<TStoredFile> {
      const maxBytes = Math.min(policy.maxBytes ?? deps.maxBytes, deps.maxBytes);
      if (input.content.length === 0) throw new AppError(FileErrorCode.FILE_EMPTY);
      if (input.content.length > maxBytes) {
        throw new AppError(FileErrorCode.FILE_TOO_LARGE, { params: { limit: `${Math.round(maxBytes / 1024 / 1024)} MB` } });
      }
      const allowed = policy.allowedTypes ?? DEFAULT_ALLOWED_TYPES;
      const mimeType = await detectType(input.content);
      if (!allowed.includes(mimeType)) {
        throw new AppError(FileErrorCode.FILE_TYPE_NOT_ALLOWED, { params: { detected: mimeType, allowed: allowed.join(', ') } });
      }
      const sha256 = createHash('sha256').update(input.content).digest('hex');
      const storageKey = `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
      if (!(await deps.storage.exists(storageKey))) await deps.storage.put(storageKey, input.content, mimeType);
      const row = await withTx(deps.db, async (tx) => {
        const inserted = await insertStoredFile(tx, {
          storageKey,
          name: safeFileName(input.name),
          mimeType,
          size: input.content.length,
          sha256,
          ownerId: actor.userId,
          departmentId: actor.departmentId,
          createdBy: actor.userId,
          createdAt: deps.clock.now(),
        });
        await writeAudit(tx, actor, {
          action: 'file.upload',
          entityType: 'file',
          entityId: inserted.id,
          after: { name: inserted.name, mimeType, size: inserted.size, sha256 },
        });
        return inserted;
      });
      return toDto(row);
    },

    async get(actor: Actor, id: string): Promise<TStoredFile> {
      const row = await findStoredFile(deps.db, id, scopeFilter(actor, storedFileScope));
      if (!row) throw new AppError(CommonError.NOT_FOUND);
      return toDto(row);
    },

    /** Opens a file for download; audited as a read. Modules that attach files check their own record first. */
    async open(actor: Actor, id: string): Promise<{ file: TStoredFile; stream: Readable }> {
      const row = await findStoredFile(deps.db, id, scopeFilter(actor, storedFileScope));
      if (!row) throw new AppError(CommonError.NOT_FOUND);
      await writeAudit(deps.db, actor, { action: 'file.download', entityType: 'file', entityId: row.id, meta: { name: row.name } });
      return { file: toDto(row), stream: await deps.storage.open(row.storageKey) };
    },
  };
}
export type FileService = ReturnType<typeof createFileService>;
