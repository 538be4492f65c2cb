import { asSystem } from '../../../kernel/auth/actor.ts';
import type { FileService } from '../../../kernel/files/files.service.ts';

/**
 * The content of a stored file the caller has already been allowed to see through its contract or
 * template (the file's own uploader scope does not apply). `reason` names the system-level read.
 */
export async function readStoredFile(files: Pick<FileService, 'open'>, fileId: string, reason: string): Promise<Buffer> {
  const opened = await files.open(asSystem(reason), fileId);
  const chunks: Buffer[] = [];
  for await (const chunk of opened.stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
