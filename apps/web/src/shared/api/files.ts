import type { TStoredFile } from '@crm/contracts';
import { api, apiUrl } from './api-client.ts';

/** Uploads one file (multipart field `file`); the server answers with its stored record. */
export function uploadFile(file: File, signal?: AbortSignal): Promise<TStoredFile> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<TStoredFile>('/files', form, { signal });
}

/** A link that downloads a stored file (GET with the session cookie). */
export function fileContentUrl(id: string): string {
  return apiUrl(`/files/${encodeURIComponent(id)}/content`);
}
