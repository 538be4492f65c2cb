import { z } from 'zod';

export const ZId = z.uuid();
export type TId = z.infer<typeof ZId>;

/** Money and quantities travel as decimal strings; never as JS numbers. */
export const ZDecimal = z.string().regex(/^-?\d{1,16}(\.\d{1,6})?$/, 'decimal');
export const ZMoney = z.string().regex(/^-?\d{1,16}(\.\d{1,2})?$/, 'money');

export const ZDateTime = z.iso.datetime({ offset: true });
export const ZBusinessDate = z.iso.date();

export const ZVersion = z.number().int().min(1);

export const ZLocale = z.enum(['zh-CN', 'en-US']);
export type TLocale = z.infer<typeof ZLocale>;

const ZBoolString = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true');
export { ZBoolString };

/** Keyset pagination: `limit` and an opaque `cursor` from the previous page. */
export const ZListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export function ZPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export type TPage<T> = { items: T[]; nextCursor: string | null };

export const ZFieldError = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
});
export type TFieldError = z.infer<typeof ZFieldError>;

/** RFC 9457 problem details, with our code and per-field errors. */
export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string(),
  errors: z.array(ZFieldError).optional(),
  requestId: z.string().optional(),
});
export type TProblem = z.infer<typeof ZProblem>;

export const ZOk = z.object({ ok: z.literal(true) });

export const ZIdParams = z.object({ id: ZId });
