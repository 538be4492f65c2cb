import type { TMetricInfo, TMetricUnit } from '@crm/contracts';
import type { Db } from '../../../kernel/db/database.ts';
import type { Locale } from '../../../kernel/i18n.ts';

type Label = { 'zh-CN': string; 'en-US': string };

/** The period a metric is measured over, and whose numbers are wanted. */
export type MeasureRange = {
  /** First and last business date, both inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  /** The business time zone, for records stamped with an instant rather than a business date. */
  timezone: string;
  /** Only these users; every user when absent (the director's summary). */
  userIds?: readonly string[];
  /**
   * Lives for one computation over several metrics: metrics read from the same grouped query (won
   * count and won amount) run it once through `sharedMeasure`.
   */
  memo?: Map<string, Promise<unknown>>;
};

/** One user's value in one business month (`YYYY-MM`): a decimal string or a whole number. */
export type MeasureRow = { userId: string; month: string; value: string | number };

/** Runs `run` once per computation for the key, however many metrics ask for it. */
export function sharedMeasure<T>(range: MeasureRange, key: string, run: () => Promise<T>): Promise<T> {
  if (!range.memo) return run();
  let pending = range.memo.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = run();
    range.memo.set(key, pending);
  }
  return pending;
}

/** Measures a metric for users per month, in one grouped query (never one query per user). */
export type Measure = (db: Db, range: MeasureRange) => Promise<MeasureRow[]>;

export type MetricDefinition = {
  key: string;
  unit: TMetricUnit;
  label?: Label;
  /** Shown while no module measures the metric yet, e.g. "available when contracts exist". */
  pendingNote?: Label;
  /** Display order (lower first). */
  order?: number;
  measure?: Measure;
};

type Entry = { key: string; unit: TMetricUnit; label: Label; pendingNote: Label | null; order: number; measure: Measure | null };

/**
 * The metrics targets can be set on. A metric may be declared before the module that measures it
 * exists (its targets can be entered, its actual shows as not available, never as zero); that module
 * later registers the same key with its `measure`.
 */
export function createMetricRegistry() {
  const entries = new Map<string, Entry>();

  function registerMetric(def: MetricDefinition): void {
    const existing = entries.get(def.key);
    if (existing) {
      if (existing.unit !== def.unit) throw new Error(`Metric ${def.key} is registered with unit ${existing.unit}, not ${def.unit}`);
      if (def.measure && existing.measure) throw new Error(`Metric ${def.key} already has a measure`);
      entries.set(def.key, {
        ...existing,
        label: def.label ?? existing.label,
        pendingNote: def.pendingNote ?? existing.pendingNote,
        order: def.order ?? existing.order,
        measure: def.measure ?? existing.measure,
      });
      return;
    }
    if (!def.label) throw new Error(`Metric ${def.key} needs a label when first registered`);
    entries.set(def.key, {
      key: def.key,
      unit: def.unit,
      label: def.label,
      pendingNote: def.pendingNote ?? null,
      order: def.order ?? 100 + entries.size,
      measure: def.measure ?? null,
    });
  }

  const sorted = () => [...entries.values()].sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));

  return {
    registerMetric,
    has: (key: string) => entries.has(key),
    unitOf: (key: string): TMetricUnit | undefined => entries.get(key)?.unit,
    measureOf: (key: string): Measure | null => entries.get(key)?.measure ?? null,
    keys: () => sorted().map((e) => e.key),
    info(key: string, locale: Locale): TMetricInfo | undefined {
      const e = entries.get(key);
      return e ? toInfo(e, locale) : undefined;
    },
    list: (locale: Locale): TMetricInfo[] => sorted().map((e) => toInfo(e, locale)),
  };
}
export type MetricRegistry = ReturnType<typeof createMetricRegistry>;

function toInfo(e: Entry, locale: Locale): TMetricInfo {
  return {
    key: e.key,
    unit: e.unit,
    label: e.label[locale],
    available: e.measure !== null,
    pendingNote: e.measure === null && e.pendingNote ? e.pendingNote[locale] : null,
  };
}
