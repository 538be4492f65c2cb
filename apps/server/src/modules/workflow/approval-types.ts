import type { TApprovalFactField, TApprovalStep, TApproverSpec } from '@crm/contracts';
import { z } from 'zod';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { Locale } from '../../kernel/i18n.ts';
import type { FactsValue } from './workflow.schema.ts';

type Label = Record<Locale, string>;

/** A finished (or finishing) instance as the registering module sees it in its callbacks. */
export type ApprovalOutcome = {
  instanceId: string;
  typeKey: string;
  recordId: string;
  title: string;
  initiatorId: string;
  context: Readonly<Record<string, string>>;
  facts: Readonly<FactsValue>;
  /** The comment of the deciding action (approval, rejection or withdrawal). */
  comment: string | null;
};

export type ApprovalCallbackContext = {
  /** Who decided: the last approver, the rejecting person, the initiator, or the engine's system actor. */
  actor: Actor;
  /** The engine's name, recorded by business records with their decision. */
  channel: string;
};

/**
 * What a business module registers to have its records approved by the engine. The callbacks of
 * the final decision run in the SAME transaction as the deciding action: if one throws, the
 * action rolls back.
 */
export type ApprovalTypeRegistration = {
  key: string;
  label: Label;
  /** The facts the module supplies, described for the step editor's condition rows and approver fields. */
  fields: readonly (Omit<TApprovalFactField, 'label' | 'options'> & { label: Label; options?: { value: string; label: Label }[] })[];
  /** The record's facts, read in the starting transaction. */
  loadFacts(tx: Db, recordId: string): Promise<FactsValue>;
  onApproved(tx: Db, instance: ApprovalOutcome, ctx: ApprovalCallbackContext): Promise<void>;
  onRejected(tx: Db, instance: ApprovalOutcome, ctx: ApprovalCallbackContext): Promise<void>;
  /** The initiator withdrew from the approvals inbox. Without it, withdrawing happens on the record itself. */
  onWithdrawn?(tx: Db, instance: ApprovalOutcome, ctx: ApprovalCallbackContext): Promise<void>;
  /** Where the UI shows the record. */
  link(recordId: string, context: Readonly<Record<string, string>>): string;
  /** Published as version 1 when the type has no definition yet (so the type works out of the box). */
  defaultDefinition: { steps: TApprovalStep[]; cc?: TApproverSpec[] };
};

const factValue = {
  decimal: z.union([z.string().regex(/^-?\d+(\.\d+)?$/), z.number()]),
  integer: z.number().int(),
  string: z.string(),
  boolean: z.boolean(),
  user: z.uuid(),
  enum: z.string(),
} as const;

/** The registered types; a type is registered once, at wiring time. */
export function createApprovalTypeRegistry() {
  const types = new Map<string, ApprovalTypeRegistration & { factsSchema: z.ZodType<FactsValue> }>();
  return {
    register(registration: ApprovalTypeRegistration): void {
      if (!/^[a-z][a-z0-9_-]{0,39}$/.test(registration.key)) throw new Error(`Approval type key ${registration.key} is not valid`);
      if (types.has(registration.key)) throw new Error(`Approval type ${registration.key} is registered twice`);
      const shape = Object.fromEntries(registration.fields.map((f) => [f.key, factValue[f.type].nullable().optional()]));
      const factsSchema = z.looseObject(shape) as unknown as z.ZodType<FactsValue>;
      types.set(registration.key, { ...registration, factsSchema });
    },
    get(key: string) {
      return types.get(key);
    },
    list() {
      return [...types.values()];
    },
  };
}
export type ApprovalTypeRegistry = ReturnType<typeof createApprovalTypeRegistry>;

export function fieldsFor(type: ApprovalTypeRegistration, locale: Locale): TApprovalFactField[] {
  return type.fields.map((f) => ({
    key: f.key,
    type: f.type,
    label: f.label[locale],
    ...(f.options ? { options: f.options.map((o) => ({ value: o.value, label: o.label[locale] })) } : {}),
  }));
}
