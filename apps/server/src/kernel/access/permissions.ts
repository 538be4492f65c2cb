import type { TPermissionInfo } from '@crm/contracts';
import type { Locale } from '../i18n.ts';

type Label = { 'zh-CN': string; 'en-US': string };
const groups = new Map<string, { label: Label; permissions: Map<string, Label> }>();

/** Modules declare their permissions with labels; the role editor lists them by group. */
export function definePermissions(group: string, groupLabel: Label, permissions: Record<string, Label>): void {
  const entry = groups.get(group) ?? { label: groupLabel, permissions: new Map<string, Label>() };
  for (const [key, label] of Object.entries(permissions)) entry.permissions.set(key, label);
  groups.set(group, entry);
}

export function isKnownPermission(key: string): boolean {
  for (const g of groups.values()) if (g.permissions.has(key)) return true;
  return false;
}

export function listPermissions(locale: Locale): TPermissionInfo[] {
  const out: TPermissionInfo[] = [];
  for (const [group, g] of groups) {
    for (const [key, label] of g.permissions) out.push({ key, group, groupLabel: g.label[locale], label: label[locale] });
  }
  return out;
}
