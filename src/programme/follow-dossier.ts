import { In, IsNull, Not, type EntityManager } from "typeorm";
import { Product } from "../catalog/product.entity";
import { audit } from "../audit/audit-event.entity";
import { type Dossier, DossierKind } from "../dossiers/dossier.entity";
import { DossierStatus } from "../dossiers/workflow";
import type { RequestScope } from "../request";
import { PotentialProduct, PotentialProductStatus } from "./programme.entity";
import { transitionTo } from "./potential-workflow";

const { SELECTED, IN_PREPARATION, DOSSIER_OPENED, CERTIFIED } = PotentialProductStatus;

/**
 * Potential products follow their product's dossier, in the dossier's transaction: a dossier opened for
 * the product moves a SELECTED or IN_PREPARATION one to DOSSIER_OPENED (a NEW dossier the ordinary entries,
 * an UPGRADE dossier the upgrade candidates); its recognition to CERTIFIED; a
 * withdrawal or a result below 3 stars back to IN_PREPARATION. Each move is audited.
 */
export async function followDossier(
  m: EntityManager,
  ctx: RequestScope,
  dossier: Dossier,
  to: DossierStatus,
): Promise<void> {
  const opened = to === DossierStatus.DRAFT;
  const next = opened
    ? DOSSIER_OPENED
    : to === DossierStatus.RECOGNIZED
      ? CERTIFIED
      : [DossierStatus.WITHDRAWN, DossierStatus.NOT_ACHIEVED, DossierStatus.NOT_RECOGNIZED].includes(to)
        ? IN_PREPARATION
        : null;
  // A re-evaluation is no entry of the register; an upgrade candidate follows an UPGRADE dossier only.
  if (!next || (opened && dossier.kind === DossierKind.RE_EVALUATION)) return;
  // A dossier opened for a product: the potential products linked to it, or of its name in its commune.
  const product = opened ? await m.findOneByOrFail(Product, { id: dossier.productId }) : null;
  const ready = In([SELECTED, IN_PREPARATION]);
  const upgradeOfId = dossier.kind === DossierKind.UPGRADE ? Not(IsNull()) : IsNull();
  const following = await m.find(PotentialProduct, {
    where: product
      ? [
          { productId: product.id, status: ready, upgradeOfId },
          ...[IsNull(), product.producerId].map((producerId) => ({
            productId: IsNull(),
            producerId,
            communeCode: product.communeCode,
            nameKey: product.nameKey,
            status: ready,
            upgradeOfId,
          })),
        ]
      : { dossierId: dossier.id, status: DOSSIER_OPENED },
  });
  for (const potential of following) {
    if (!transitionTo(potential.status, next, "dossier")) continue;
    await m.update(PotentialProduct, potential.id, {
      status: next,
      dossierId: next === IN_PREPARATION ? null : dossier.id,
      ...(product ? { productId: product.id, producerId: product.producerId } : {}),
    });
    await audit(m, {
      at: ctx.now,
      actorId: ctx.viewer?.id ?? null,
      action: "POTENTIAL_PRODUCT_STATUS",
      subjectType: "PotentialProduct",
      subjectId: potential.id,
      fromStatus: potential.status,
      toStatus: next,
      note: `dossier ${dossier.code}: ${to}`,
    });
  }
}
