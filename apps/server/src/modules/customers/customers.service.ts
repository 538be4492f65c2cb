import type {
  TContact,
  TContactInput,
  TCreateCustomer,
  TCustomer,
  TCustomerListQuery,
  TPage,
  TUpdateContact,
  TUpdateCustomer,
} from '@crm/contracts';
import { CUSTOMER_COUNT_CAP, Permission, type TCustomerCount, type TCustomerListFilters } from '@crm/contracts';
import { or } from 'drizzle-orm';
import { z } from 'zod';
import { hasPermission } from '../../kernel/auth/actor.ts';
import { maskTail, redactFields, scopeFilter, scopeParts } from '../../kernel/access/access.ts';
import { writeAudit, writeListAudit, writeReadAudit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import { decodeCursor, iso, toPage } from '../../kernel/http/pagination.ts';
import { toMoneyString } from '../../kernel/money.ts';
import type { People, UserSummary } from '../admin/index.ts';
import { parseSort, toCustomerFilter } from './customer-list-query.ts';
import { CustomerErrorCode } from './customers.errors.ts';
import * as repo from './customers.repository.ts';
import type { PoolDirectory } from './pool/pool-directory.ts';
import { insertOwnerChanges } from './pool/pool.repository.ts';
import { digitsOf, type DuplicateCheckService } from './duplicate-check.service.ts';
import { duplicateSearchKeys } from './duplicate/similarity.ts';
import { pinyinInitials } from './search-keys.ts';

const ZCursor = z.tuple([z.string().nullable(), z.uuid()]);

export function toCustomerDto(actor: Actor, row: repo.CustomerRow, owners: Map<string, UserSummary>): TCustomer {
  const owner = row.ownerId ? owners.get(row.ownerId) : undefined;
  const dto: TCustomer = {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    creditCode: row.creditCode,
    type: row.type,
    industry: row.industry,
    country: row.country,
    province: row.province,
    city: row.city,
    address: row.address,
    grade: row.grade,
    ruleGrade: row.ruleGrade,
    gradeOverridden: row.gradeOverride !== null,
    gradeOverrideReason: row.gradeOverrideReason,
    strategic: row.strategic,
    status: row.status,
    source: row.source,
    ownerId: row.ownerId,
    ownerName: owner?.displayName ?? null,
    departmentId: row.departmentId,
    departmentName: owner && owner.departmentId === row.departmentId ? owner.departmentName : null,
    poolId: row.poolId,
    ownerSince: iso(row.ownerSince),
    lastActivityAt: iso(row.lastActivityAt),
    lastDealAt: iso(row.lastDealAt),
    creditLimit: row.creditLimit === null ? null : toMoneyString(row.creditLimit),
    creditDays: row.creditDays,
    taxId: row.taxId,
    billingAddress: row.billingAddress,
    billingPhone: row.billingPhone,
    bankName: row.bankName,
    bankAccount: hasPermission(actor, Permission.fieldBankAccount) ? row.bankAccount : maskTail(row.bankAccount),
    registry: row.registry ?? null,
    tags: row.tags,
    mergedIntoId: row.mergedIntoId,
    mergedAt: iso(row.mergedAt),
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
  return redactFields(actor, 'customer', dto);
}

/** Contact details of a customer in the public pool stay masked until someone claims it. */
function toContactDto(row: repo.ContactRow, masked: boolean): TContact {
  return {
    id: row.id,
    customerId: row.customerId,
    name: row.name,
    title: row.title,
    mobile: masked ? maskTail(row.mobile) : row.mobile,
    phone: masked ? maskTail(row.phone) : row.phone,
    email: masked && row.email ? row.email.replace(/^[^@]*/, '***') : row.email,
    wechat: masked ? null : row.wechat,
    isPrimary: row.isPrimary,
    notes: row.notes,
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

function contactValues(input: TContactInput) {
  return {
    name: input.name,
    title: input.title ?? null,
    mobile: input.mobile ?? null,
    mobileDigits: input.mobile ? digitsOf(input.mobile) : null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    wechat: input.wechat ?? null,
    isPrimary: input.isPrimary ?? false,
    notes: input.notes ?? null,
  };
}

/** Bank account numbers are kept as digits only, however they were typed. */
const compactAccount = <T extends string | null | undefined>(value: T): T =>
  typeof value === 'string' ? (value.replace(/[\s-]/g, '') as T) : value;

export function searchKeys(name: string, shortName: string | null | undefined) {
  return {
    ...duplicateSearchKeys(name),
    pinyinInitials: [pinyinInitials(name), shortName ? pinyinInitials(shortName) : ''].filter(Boolean).join(' '),
  };
}

export function createCustomerService(deps: {
  db: Db;
  clock: Clock;
  people: Pick<People, 'summaries' | 'summary' | 'subtree'>;
  duplicates: DuplicateCheckService;
  /** Pool customers a user may look at (contacts masked) besides their own scope. */
  pools: Pick<PoolDirectory, 'visibleTo'>;
}) {
  const { db, clock } = deps;
  const scopeOf = (actor: Actor) => scopeFilter(actor, repo.customerScopeColumns);
  const listDeps = { people: deps.people, timezone: clock.timezone };

  async function toDtos(actor: Actor, rows: repo.CustomerRow[]): Promise<TCustomer[]> {
    const owners = await deps.people.summaries(rows.map((r) => r.ownerId));
    return rows.map((r) => toCustomerDto(actor, r, owners));
  }

  async function assertNoDuplicate(
    actor: Actor,
    input: { name: string; creditCode?: string | null; phones?: string[]; emails?: string[]; excludeId?: string },
    acknowledged: boolean | undefined,
  ): Promise<void> {
    const result = await deps.duplicates.check(actor, input);
    if (result.verdict === 'block') {
      throw new AppError(CustomerErrorCode.CUSTOMER_DUPLICATE, {
        extensions: { matches: result.matches },
        fields: [
          {
            path: result.matches[0]?.reason === 'credit_code' ? 'creditCode' : 'name',
            code: 'duplicate',
            messageKey: 'error.CUSTOMER_DUPLICATE',
          },
        ],
      });
    }
    if (result.verdict === 'warn' && !acknowledged) {
      throw new AppError(CustomerErrorCode.CUSTOMER_POSSIBLE_DUPLICATE, { extensions: { matches: result.matches } });
    }
  }

  function assertOwner(actor: Actor, owner: UserSummary | undefined): asserts owner is UserSummary {
    if (owner && owner.id !== actor.userId && !hasPermission(actor, Permission.customerAssign)) throw new AppError(CommonError.FORBIDDEN);
    if (!owner || !owner.isActive) {
      throw new AppError(CustomerErrorCode.CUSTOMER_OWNER_INVALID, {
        fields: [{ path: 'ownerId', code: 'invalid', messageKey: 'error.CUSTOMER_OWNER_INVALID' }],
      });
    }
  }

  async function resolveOwner(actor: Actor, ownerId: string | undefined): Promise<UserSummary> {
    const id = ownerId ?? actor.userId;
    if (id !== actor.userId && !hasPermission(actor, Permission.customerAssign)) throw new AppError(CommonError.FORBIDDEN);
    const owner = id ? await deps.people.summary(id) : undefined;
    assertOwner(actor, owner);
    return owner;
  }

  async function insertWithin(
    tx: Db,
    actor: Actor,
    input: TCreateCustomer,
    owner: UserSummary,
  ): Promise<{ created: repo.CustomerRow; contacts: repo.ContactRow[] }> {
    const contacts = input.contacts ?? [];
    const { contacts: _contacts, acknowledgeDuplicates: _ack, ownerId: _owner, ...fields } = input;
    const now = clock.now();
    const created = await repo.insertCustomer(tx, {
      ...fields,
      bankAccount: compactAccount(input.bankAccount),
      ...searchKeys(input.name, input.shortName),
      creditCode: input.creditCode ?? null,
      country: input.country ?? '中国',
      ownerId: owner.id,
      departmentId: owner.departmentId,
      ownerSince: now,
      createdAt: now,
      updatedAt: now,
      createdBy: actor.userId,
      updatedBy: actor.userId,
    });
    await insertOwnerChanges(tx, [
      {
        customerId: created.id,
        kind: 'create',
        toOwnerId: owner.id,
        toDepartmentId: owner.departmentId,
        at: now,
        byId: actor.userId,
      },
    ]);
    const primaryIndex = Math.max(
      0,
      contacts.findIndex((c) => c.isPrimary),
    );
    const insertedContacts = await repo.insertContacts(
      tx,
      contacts.map((c, i) => ({
        ...contactValues(c),
        isPrimary: i === primaryIndex,
        customerId: created.id,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })),
    );
    await writeAudit(tx, actor, [
      {
        action: 'customer.create',
        entityType: 'customer',
        entityId: created.id,
        after: created,
        meta: { duplicatesAcknowledged: Boolean(input.acknowledgeDuplicates) },
      },
      ...insertedContacts.map((c) => ({
        action: 'contact.create',
        entityType: 'contact',
        entityId: c.id,
        after: c,
        meta: { customerId: created.id },
      })),
    ]);
    return { created, contacts: insertedContacts };
  }

  async function addContactWithin(tx: Db, actor: Actor, customerId: string, input: TContactInput): Promise<TContact> {
    const owner = await repo.lockCustomer(tx, customerId, scopeOf(actor));
    if (!owner) throw new AppError(CommonError.NOT_FOUND);
    const now = clock.now();
    const existing = await repo.listContacts(tx, [customerId]);
    const isPrimary = input.isPrimary ?? existing.length === 0;
    if (isPrimary) await repo.clearPrimaryContact(tx, customerId);
    const [row] = await repo.insertContacts(tx, [
      {
        ...contactValues(input),
        isPrimary,
        customerId,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      },
    ]);
    await writeAudit(tx, actor, {
      action: 'contact.create',
      entityType: 'contact',
      entityId: row!.id,
      after: row,
      meta: { customerId },
    });
    return toContactDto(row!, owner.ownerId === null);
  }

  return {
    /** Customer rows as the actor may see them (names, masked and redacted fields). */
    present: toDtos,

    async list(actor: Actor, query: TCustomerListQuery): Promise<TPage<TCustomer>> {
      const { sort, desc } = parseSort(query.sort);
      const after = decodeCursor(query.cursor, ZCursor);
      const filter = {
        ...(await toCustomerFilter(listDeps, actor, scopeOf(actor), query)),
        scopeParts: scopeParts(actor, repo.customerScopeColumns),
      };
      const rows = await repo.listCustomers(db, filter, { sort, desc, limit: query.limit + 1, after: after ?? undefined });
      await writeListAudit(db, actor, { action: 'customer.list', entityType: 'customer' }, query);
      const page = toPage(
        rows,
        query.limit,
        (r) => [repo.customerSortValue(r, sort), r.id],
        (r) => r,
      );
      return { items: await toDtos(actor, page.items), nextCursor: page.nextCursor };
    },

    /** How many customers the filter matches, up to the cap ("10,000+" beyond it). */
    async count(actor: Actor, query: TCustomerListFilters): Promise<TCustomerCount> {
      const filter = await toCustomerFilter(listDeps, actor, scopeOf(actor), query);
      const n = await repo.countCustomers(db, filter, CUSTOMER_COUNT_CAP);
      return { count: Math.min(n, CUSTOMER_COUNT_CAP), capped: n > CUSTOMER_COUNT_CAP };
    },

    /** The name of a customer the actor may see, or undefined (other modules linking to a customer). */
    async findName(actor: Actor, id: string): Promise<string | undefined> {
      return (await repo.findCustomer(db, id, scopeOf(actor)))?.name;
    },

    async get(actor: Actor, id: string): Promise<{ customer: TCustomer; contacts: TContact[] }> {
      const scope = scopeOf(actor);
      const row = await repo.findCustomer(db, id, scope === undefined ? undefined : or(scope, await deps.pools.visibleTo(actor)));
      if (!row) throw new AppError(CommonError.NOT_FOUND);
      const contacts = await repo.listContacts(db, [id]);
      await writeReadAudit(db, actor, { action: 'customer.read', entityType: 'customer', entityId: id });
      const [dto] = await toDtos(actor, [row]);
      return { customer: dto!, contacts: contacts.map((c) => toContactDto(c, row.ownerId === null)) };
    },

    async create(actor: Actor, input: TCreateCustomer): Promise<TCustomer> {
      const owner = await resolveOwner(actor, input.ownerId);
      const contacts = input.contacts ?? [];
      await assertNoDuplicate(
        actor,
        {
          name: input.name,
          creditCode: input.creditCode,
          phones: contacts.map((c) => c.mobile).filter((m): m is string => Boolean(m)),
          emails: contacts.map((c) => c.email).filter((e): e is string => Boolean(e)),
        },
        input.acknowledgeDuplicates,
      );
      const { created: row } = await withTx(db, (tx) => insertWithin(tx, actor, input, owner));
      return (await toDtos(actor, [row]))[0]!;
    },

    /**
     * Creates a customer (with its contacts, owner history and audit) inside the caller's
     * transaction, e.g. a lead's conversion. The caller has run the duplicate check before the
     * transaction and resolved the owner (`people.summary`): nothing here reads through the base
     * connection.
     */
    async createWithin(
      tx: Db,
      actor: Actor,
      input: TCreateCustomer,
      owner: UserSummary,
    ): Promise<{ customer: TCustomer; contacts: TContact[] }> {
      assertOwner(actor, owner);
      const { created, contacts } = await insertWithin(tx, actor, input, owner);
      return {
        customer: toCustomerDto(actor, created, new Map([[owner.id, owner]])),
        contacts: contacts.map((c) => toContactDto(c, false)),
      };
    },

    /**
     * Locks a customer the actor may see for the rest of the caller's transaction (e.g. to link a
     * lead to it) with its contacts; refuses merged customers.
     */
    async lockVisibleWithin(
      tx: Db,
      actor: Actor,
      id: string,
    ): Promise<{ id: string; name: string; ownerId: string | null; contacts: TContact[] }> {
      const row = await repo.lockCustomer(tx, id, scopeOf(actor));
      if (!row) throw new AppError(CommonError.NOT_FOUND);
      if (row.mergedIntoId) throw new AppError(CustomerErrorCode.CUSTOMER_MERGED);
      const contacts = await repo.listContacts(tx, [id]);
      return { id: row.id, name: row.name, ownerId: row.ownerId, contacts: contacts.map((c) => toContactDto(c, row.ownerId === null)) };
    },

    async update(actor: Actor, id: string, input: TUpdateCustomer): Promise<TCustomer> {
      const current = await repo.findCustomer(db, id, scopeOf(actor));
      if (!current) throw new AppError(CommonError.NOT_FOUND);
      if (current.mergedIntoId) throw new AppError(CustomerErrorCode.CUSTOMER_MERGED);
      if (current.version !== input.version) throw new AppError(CommonError.STALE_VERSION);
      const renamed = input.name !== undefined && input.name !== current.name;
      const recoded = input.creditCode !== undefined && input.creditCode !== current.creditCode;
      if (renamed || recoded) {
        await assertNoDuplicate(
          actor,
          { name: input.name ?? current.name, creditCode: input.creditCode ?? current.creditCode, excludeId: id },
          input.acknowledgeDuplicates,
        );
      }
      const { version, acknowledgeDuplicates: _ack, ...fields } = input;
      const row = await withTx(db, async (tx) => {
        const updated = await repo.updateCustomer(tx, id, version, {
          ...fields,
          ...(fields.bankAccount !== undefined ? { bankAccount: compactAccount(fields.bankAccount) } : {}),
          ...(renamed || input.shortName !== undefined ? searchKeys(input.name ?? current.name, input.shortName ?? current.shortName) : {}),
          updatedAt: clock.now(),
          updatedBy: actor.userId,
        });
        if (!updated) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, { action: 'customer.update', entityType: 'customer', entityId: id, before: current, after: updated });
        return updated;
      });
      return (await toDtos(actor, [row]))[0]!;
    },

    async addContact(actor: Actor, customerId: string, input: TContactInput): Promise<TContact> {
      return withTx(db, (tx) => addContactWithin(tx, actor, customerId, input));
    },

    /** Adds a contact inside the caller's transaction (primary when it is the customer's first). */
    addContactWithin,

    async updateContact(actor: Actor, customerId: string, contactId: string, input: TUpdateContact): Promise<TContact> {
      return withTx(db, async (tx) => {
        const owner = await repo.lockCustomer(tx, customerId, scopeOf(actor));
        const before = owner ? await repo.findContact(tx, customerId, contactId) : undefined;
        if (!owner || !before) throw new AppError(CommonError.NOT_FOUND);
        const { version, ...fields } = input;
        if (fields.isPrimary) await repo.clearPrimaryContact(tx, customerId, contactId);
        const row = await repo.updateContact(tx, contactId, version, {
          ...fields,
          ...(fields.mobile !== undefined ? { mobileDigits: fields.mobile ? digitsOf(fields.mobile) : null } : {}),
          updatedAt: clock.now(),
          updatedBy: actor.userId,
        });
        if (!row) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, {
          action: 'contact.update',
          entityType: 'contact',
          entityId: contactId,
          before,
          after: row,
          meta: { customerId },
        });
        return toContactDto(row, owner.ownerId === null);
      });
    },

    async removeContact(actor: Actor, customerId: string, contactId: string): Promise<void> {
      await withTx(db, async (tx) => {
        const owner = await repo.lockCustomer(tx, customerId, scopeOf(actor));
        const before = owner ? await repo.findContact(tx, customerId, contactId) : undefined;
        if (!owner || !before) throw new AppError(CommonError.NOT_FOUND);
        await repo.deleteContact(tx, contactId);
        // The customer keeps a primary contact while it has contacts: the oldest one takes over.
        const promoted = before.isPrimary ? await repo.promoteOldestContact(tx, customerId) : undefined;
        await writeAudit(tx, actor, {
          action: 'contact.delete',
          entityType: 'contact',
          entityId: contactId,
          before,
          meta: { customerId, ...(promoted ? { newPrimaryContactId: promoted } : {}) },
        });
      });
    },
  };
}
export type CustomerService = ReturnType<typeof createCustomerService>;
