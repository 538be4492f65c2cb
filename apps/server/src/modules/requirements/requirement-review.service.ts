import { Permission, type TCreateProduct, type TRequirement, type TRequirementLineReviewRequest } from '@crm/contracts';
import { requirePermission } from '../../kernel/access/access.ts';
import { writeAudit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import type { ProductService } from '../products/index.ts';
import { awaitsCode } from './requirement-dto.ts';
import type { RequirementCatalog } from './requirement-lines.ts';
import { RequirementErrorCode } from './requirements.errors.ts';
import { statusText } from './requirements.messages.ts';
import * as repo from './requirements.repository.ts';
import type { RequirementService } from './requirements.service.ts';

type LineSet = Partial<repo.NewRequirementLineRow>;

const reviewView = (l: repo.RequirementLineRow) => ({
  decision: l.decision,
  productId: l.productId,
  materialCode: l.materialCode,
  name: l.name,
  spec: l.spec,
  unit: l.unit,
  reviewNote: l.reviewNote,
  createdProductId: l.createdProductId,
  wasNonStandard: l.wasNonStandard,
});

/**
 * 产品经理审核, line by line: confirm a standard catalogue product, mark a line non-standard
 * ("needs a new material code"), or enter the new code by hand (the product is created in the
 * catalogue and the line becomes a normal product). While the requirement is in review any
 * decision may change; once approved, a non-standard line may still get its new code.
 */
export function createRequirementReview(deps: {
  db: Db;
  clock: Clock;
  catalog: RequirementCatalog;
  products: Pick<ProductService, 'createWithin'>;
  requirements: Pick<RequirementService, 'present'>;
}) {
  const { db, clock } = deps;

  async function decide(tx: Db, actor: Actor, line: repo.RequirementLineRow, input: TRequirementLineReviewRequest): Promise<LineSet> {
    const reviewed = { reviewNote: input.note ?? null, reviewedBy: actor.userId, reviewedAt: clock.now() };
    switch (input.decision) {
      case 'standard': {
        const [p] = await deps.catalog.findByIds(tx, [input.productId]);
        if (!p) throw new AppError(RequirementErrorCode.REQUIREMENT_LINE_PRODUCT_UNKNOWN, { params: { position: line.position } });
        if (p.status !== 'active' && p.id !== line.productId) {
          throw new AppError(RequirementErrorCode.REQUIREMENT_LINE_PRODUCT_DISCONTINUED, { params: { position: line.position } });
        }
        return {
          ...reviewed,
          decision: 'standard',
          productId: p.id,
          materialCode: p.materialCode,
          name: p.name,
          spec: p.model,
          unit: p.unit,
        };
      }
      case 'non_standard':
        // The line keeps what the rep asked for, without a catalogue product until a code exists.
        return {
          ...reviewed,
          decision: 'non_standard',
          productId: null,
          materialCode: null,
          name: line.requested.productId ? line.name : line.requested.name,
          spec: line.requested.productId ? line.spec : line.requested.spec,
          unit: line.requested.productId ? line.unit : line.requested.unit,
          wasNonStandard: true,
        };
      case 'new_code': {
        requirePermission(actor, Permission.productWrite);
        const np = input.product;
        const product: TCreateProduct = {
          materialCode: np.materialCode,
          name: np.name,
          model: np.spec ?? null,
          unit: np.unit,
          categoryId: np.categoryId,
          listPrice: np.listPrice ?? '0.00',
          ...(np.standardCost !== undefined ? { standardCost: np.standardCost } : {}),
          ...(np.leadTimeDays !== undefined ? { leadTimeDays: np.leadTimeDays } : {}),
        };
        const created = await deps.products.createWithin(tx, actor, product);
        return {
          ...reviewed,
          decision: 'new_code',
          productId: created.id,
          materialCode: created.materialCode,
          name: created.name,
          spec: created.model,
          unit: created.unit,
          createdProductId: created.id,
          wasNonStandard: true,
        };
      }
    }
  }

  return {
    async reviewLine(actor: Actor, id: string, lineId: string, input: TRequirementLineReviewRequest): Promise<TRequirement> {
      requirePermission(actor, Permission.requirementReview);
      const updated = await withTx(db, async (tx) => {
        const r = await repo.lockRequirement(tx, id, repo.readScope(actor));
        if (!r) throw new AppError(CommonError.NOT_FOUND);
        if (r.version !== input.version) throw new AppError(CommonError.STALE_VERSION);
        const line = (await repo.listLines(tx, id)).find((l) => l.id === lineId);
        if (!line) throw new AppError(CommonError.NOT_FOUND);
        const lateCode = r.status === 'approved' && awaitsCode(line) && input.decision === 'new_code';
        if (r.status !== 'in_review' && !lateCode) {
          throw new AppError(RequirementErrorCode.REQUIREMENT_REVIEW_NOT_OPEN, { params: { status: statusText(actor, r.status) } });
        }
        const set = await decide(tx, actor, line, input);
        const after = await repo.updateLine(tx, id, lineId, set);
        const row = await repo.updateRequirement(tx, id, input.version, { updatedAt: clock.now(), updatedBy: actor.userId });
        if (!after || !row) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, {
          action: 'requirement.line.review',
          entityType: 'requirement',
          entityId: id,
          before: reviewView(line),
          after: reviewView(after),
          meta: { lineId, position: line.position, decision: input.decision, status: r.status },
        });
        return row;
      });
      return deps.requirements.present(actor, updated);
    },
  };
}
export type RequirementReview = ReturnType<typeof createRequirementReview>;
