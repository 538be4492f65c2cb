import { ZCreditCode, type TCustomerType, type TRegistryCompany, type TRegistryMatch, type TRegistrySnapshot } from '@crm/contracts';
import type { TQccBasicDetails, TQccSearchItem } from './qcc.schemas.ts';

/** Longest first, so that 新疆维吾尔自治区 loses its whole suffix. */
const PROVINCE_SUFFIXES = ['维吾尔自治区', '壮族自治区', '回族自治区', '特别行政区', '自治区', '省', '市'];

/** 江苏省 → 江苏, 北京市 → 北京, 广西壮族自治区 → 广西: provinces as customer records store them. */
export function shortProvince(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  const suffix = PROVINCE_SUFFIXES.find((s) => v.endsWith(s) && v.length > s.length + 1);
  return suffix ? v.slice(0, -suffix.length) : v;
}

/** 南京市 → 南京; prefectures (…自治州, …地区, …盟) keep their names. "市辖区" means the province is a city. */
export function shortCity(value: string | null | undefined, province: string | null): string | null {
  const v = value?.trim();
  if (!v || v === '市辖区' || v === '县') return province;
  return v.endsWith('市') && v.length > 2 ? v.slice(0, -1) : v;
}

/** "2012-07-10", "2012-07-10 00:00:00" or "2012-07-10T00:00:00+08:00" → 2012-07-10; anything else → null. */
export function registryDate(value: string | null | undefined): string | null {
  const m = value?.trim().match(/^(\d{4})-(\d{2})-(\d{2})(?:$|[ T])/);
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date) ? date : null;
}

/** A credit code as our records keep it, or null when the registry has none (some entities) or a malformed one. */
export function registryCreditCode(value: string | null | undefined): string | null {
  const parsed = ZCreditCode.safeParse(value ?? '');
  return parsed.success ? parsed.data : null;
}

/** A first guess of the customer type; the user confirms it in the form. */
export function guessCustomerType(name: string, industryCode: string | null | undefined): TCustomerType {
  if (/国网|电网|供电|电力公司|电力有限公司$/.test(name)) return 'grid';
  if (industryCode === 'F') return 'distributor';
  if (industryCode === 'M') return 'other';
  return 'industrial';
}

export function toRegistryMatch(item: TQccSearchItem): TRegistryMatch {
  return {
    name: item.Name.trim(),
    creditCode: registryCreditCode(item.CreditCode),
    legalRepresentative: item.OperName,
    status: item.Status,
    address: item.Address,
    establishedDate: registryDate(item.StartDate),
  };
}

/** The snapshot stored on the customer (`customer.registry`), stamped with the time of the lookup. */
export function toRegistrySnapshot(d: TQccBasicDetails, syncedAt: Date): TRegistrySnapshot {
  return {
    legalRepresentative: d.OperName,
    registeredCapital: d.RegistCapi,
    establishedDate: registryDate(d.StartDate),
    businessStatus: d.Status,
    registeredAddress: d.Address,
    syncedAt: syncedAt.toISOString(),
    registeredName: d.Name.trim(),
  };
}

/** A registry company as the fields of a new customer plus its snapshot. */
export function toRegistryCompany(d: TQccBasicDetails, syncedAt: Date): TRegistryCompany {
  const province = shortProvince(d.Area?.Province);
  const industry = d.Industry?.SmallCategory ?? d.Industry?.MiddleCategory ?? d.Industry?.SubIndustry ?? d.Industry?.Industry ?? null;
  return {
    fields: {
      name: d.Name.trim(),
      creditCode: registryCreditCode(d.CreditCode),
      province,
      city: shortCity(d.Area?.City, province),
      address: d.Address,
      industry: industry ? industry.slice(0, 60) : null,
      type: guessCustomerType(d.Name, d.Industry?.IndustryCode),
    },
    registry: toRegistrySnapshot(d, syncedAt),
    formerNames: d.OriginalName.map((o) => o.Name.trim()).filter(Boolean),
  };
}
