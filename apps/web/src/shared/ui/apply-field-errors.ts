import type { FormInstance } from 'antd';
import type { TFieldError } from '@crm/contracts';

type NamePath = (string | number)[];

function toNamePath(path: string): NamePath {
  return path
    .split(/[.[\]]/)
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function sameStart(candidate: NamePath, full: NamePath): boolean {
  return candidate.length <= full.length && candidate.every((part, i) => String(part) === String(full[i]));
}

/**
 * Puts the server's per-field errors on the matching form fields. A path like "roleIds.0" lands on
 * the "roleIds" field when there is no field for the element itself. Returns the errors that match
 * no field, so that the caller can show them elsewhere.
 */
export function applyFieldErrors(form: FormInstance, errors: readonly TFieldError[]): TFieldError[] {
  const registered = form.getFieldsError().map((f) => f.name as NamePath);
  const byField = new Map<string, { name: NamePath; messages: string[] }>();
  const unmatched: TFieldError[] = [];
  for (const error of errors) {
    const full = toNamePath(error.path);
    let best: NamePath | undefined;
    for (const name of registered) {
      if (name.length > 0 && sameStart(name, full) && (!best || name.length > best.length)) best = name;
    }
    if (!best) {
      unmatched.push(error);
      continue;
    }
    const key = best.join('.');
    const entry = byField.get(key) ?? { name: best, messages: [] };
    entry.messages.push(error.message);
    byField.set(key, entry);
  }
  if (byField.size > 0) {
    form.setFields([...byField.values()].map(({ name, messages }) => ({ name, errors: messages })));
    const first = [...byField.values()][0];
    if (first) form.scrollToField(first.name, { block: 'center' });
  }
  return unmatched;
}
