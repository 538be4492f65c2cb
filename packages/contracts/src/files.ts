import { z } from 'zod';
import { ZDateTime, ZId } from './common.ts';

export const ZStoredFile = z.object({
  id: ZId,
  name: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: ZDateTime,
});
export type TStoredFile = z.infer<typeof ZStoredFile>;
