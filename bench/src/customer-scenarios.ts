import type { CustomerSamples } from './customer-data.ts';
import { companyCustomer, variantOf } from './customer-names.ts';
import { createRng } from './prng.ts';
import type { Audience, Scenario } from './scenarios.ts';
import type { Session } from './sessions.ts';

/**
 * Targets of the customer scenarios: p95 judged with 50 users who think between requests (the
 * 360 page: until its last request has answered), and the batch transfer of 500 customers.
 */
export const CUSTOMER_TARGETS = { duplicateCheckP95Ms: 50, listP95Ms: 100, page360P95Ms: 100, batchSize: 500, batchP95Ms: 1000 } as const;

const SENTINEL = 'qzxqzxq';
const PHONE_SENTINEL = '19900000000';

/** A stable small number from a session, so that each session records its own inputs. */
function sessionSeed(session: Session): number {
  let h = 0;
  for (const ch of session.user.id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}

/**
 * What people type into the duplicate check: about half are existing customers written another
 * way (no legal form, a homophone typo, the short name, an extra 公司), half are new companies.
 */
export function duplicateCheckInputs(samples: CustomerSamples, count: number): string[] {
  const rng = createRng('crm-bench-duplicate-inputs');
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (rng.next() < 0.55) {
      const existing = rng.pick(samples.names);
      out.push(variantOf(existing.name, existing.shortName, rng));
    } else {
      out.push(companyCustomer(rng).name);
    }
  }
  return out;
}

const ROLES: { key: string; audience: Audience; label: string }[] = [
  { key: 'rep', audience: 'customerReps', label: 'sales reps' },
  { key: 'manager', audience: 'customerManagers', label: 'sales managers' },
  { key: 'director', audience: 'customerDirectors', label: 'sales directors' },
];

export function customerScenarios(samples: CustomerSamples): Scenario[] {
  const dupInputs = duplicateCheckInputs(samples, 400);
  const list = (
    name: string,
    what: string,
    query: (q: string) => string,
    pool: readonly string[] | null,
    captureInput: string,
  ): Scenario[] =>
    ROLES.map((role) => ({
      name: `customers.${name}.${role.key}`,
      endpoint: `GET /api/v1/customers?limit=50${query(`{${what}}`)} (${role.label})`,
      audience: role.audience,
      variant: true,
      kind: 'list',
      p95TargetMs: CUSTOMER_TARGETS.listP95Ms,
      paced: true,
      input: (_s, rng) => (pool ? rng.pick(pool) : ''),
      captureInput: () => captureInput,
      path: (_s, q) => `/api/v1/customers?limit=50${query(q)}`,
    }));
  const q = (v: string) => `&q=${encodeURIComponent(v)}`;
  return [
    {
      name: 'customers.duplicateCheck',
      endpoint: 'POST /api/v1/customers/duplicate-check {name} (existing names written another way, and new names)',
      audience: 'customerReps',
      variant: true,
      kind: 'check',
      p95TargetMs: CUSTOMER_TARGETS.duplicateCheckP95Ms,
      paced: true,
      input: (_s, rng) => rng.pick(dupInputs),
      captureInput: () => dupInputs[0]!,
      recordInputs: (session) => {
        const seed = sessionSeed(session);
        return [0, 1, 2, 3].map((k) => dupInputs[(seed + k * 97) % dupInputs.length]!);
      },
      body: (_s, name) => ({ name }),
      path: () => '/api/v1/customers/duplicate-check',
    },
    ...list('list', 'default', () => '', null, ''),
    ...list('searchName', 'name fragment', q, samples.fragments, SENTINEL),
    ...list('searchPinyin', 'pinyin initials', q, samples.initials, SENTINEL),
    ...list('searchPhone', 'mobile', q, samples.mobiles, PHONE_SENTINEL),
    ...list('gradeA', 'grade', () => '&grade=A', null, ''),
  ];
}
