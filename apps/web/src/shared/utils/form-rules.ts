import type { FormRule } from 'antd';
import type { z } from 'zod';
import { i18n } from '../i18n/i18n.ts';

type Issue = z.core.$ZodIssue;

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Turns a zod issue into a message in the current language. */
export function translateIssue(issue: Issue, patternMessage?: string): string {
  const t = i18n.t.bind(i18n);
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? t('validation.required') : t('validation.minLength', { min });
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.minItems', { min });
      return t('validation.minNumber', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return t('validation.maxLength', { max });
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.maxItems', { max });
      return t('validation.maxNumber', { max });
    }
    case 'invalid_format':
      if (issue.format === 'email') return t('validation.email');
      return patternMessage ?? t('validation.invalid');
    case 'invalid_type':
      if (issue.expected === 'int') return t('validation.integer');
      return issue.input === undefined ? t('validation.required') : t('validation.invalid');
    default:
      return patternMessage ?? t('validation.invalid');
  }
}

/**
 * An antd Form rule from a shared zod schema (the same one the server validates with).
 * Empty values pass: mark the field `required` separately so that antd shows the asterisk.
 */
export function zodRule(schema: z.ZodType, patternMessage?: () => string): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (isEmpty(value)) return;
      const result = schema.safeParse(typeof value === 'string' ? value.trim() : value);
      if (result.success) return;
      const issue = result.error.issues[0];
      throw new Error(issue ? translateIssue(issue, patternMessage?.()) : i18n.t('validation.invalid'));
    },
  };
}

export function requiredRule(): FormRule {
  return { required: true, message: i18n.t('validation.required') };
}

/** Form inputs give '' for a cleared field; the API wants null for "no value". */
export function emptyToNull(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
