import { z } from 'zod';

/** The service sends codes as strings; a number is accepted too rather than failing on it. */
const ZCode = z.union([z.string(), z.number()]).transform(String);
/** Text fields may be missing, null or "-" for some entities. */
const ZText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => {
    if (v === null || v === undefined) return null;
    const s = String(v).trim();
    return s === '' || s === '-' ? null : s;
  });

export const ZQccEnvelope = z.object({
  Status: ZCode,
  Message: z.string().nullish(),
  OrderNumber: z.string().nullish(),
  Paging: z.object({ PageSize: z.coerce.number(), PageIndex: z.coerce.number(), TotalRecords: z.coerce.number() }).nullish(),
  Result: z.unknown(),
});
export type TQccEnvelope = z.infer<typeof ZQccEnvelope>;

export const ZQccSearchItem = z.object({
  KeyNo: ZText,
  Name: z.string(),
  CreditCode: ZText,
  StartDate: ZText,
  OperName: ZText,
  Status: ZText,
  No: ZText,
  Address: ZText,
});
export type TQccSearchItem = z.infer<typeof ZQccSearchItem>;

export const ZQccSearchResult = z.array(ZQccSearchItem);

export const ZQccBasicDetails = z.object({
  KeyNo: ZText,
  Name: z.string(),
  OperName: ZText,
  Status: ZText,
  StartDate: ZText,
  RegistCapi: ZText,
  RecCap: ZText,
  CreditCode: ZText,
  No: ZText,
  OrgNo: ZText,
  EconKind: ZText,
  TermStart: ZText,
  TermEnd: ZText,
  TaxpayerType: ZText,
  BelongOrg: ZText,
  Address: ZText,
  Scope: ZText,
  PhoneNumber: ZText,
  Email: ZText,
  WebSiteUrl: ZText,
  EnglishName: ZText,
  Area: z.object({ Province: ZText, City: ZText, County: ZText }).nullish(),
  Industry: z
    .object({
      IndustryCode: ZText,
      Industry: ZText,
      SubIndustryCode: ZText,
      SubIndustry: ZText,
      MiddleCategoryCode: ZText,
      MiddleCategory: ZText,
      SmallCategoryCode: ZText,
      SmallCategory: ZText,
    })
    .partial()
    .nullish(),
  OriginalName: z
    .array(z.object({ Name: z.string(), ChangeDate: ZText }))
    .nullish()
    .transform((v) => v ?? []),
  RevokeInfo: z.record(z.string(), z.unknown()).nullish(),
});
export type TQccBasicDetails = z.infer<typeof ZQccBasicDetails>;
