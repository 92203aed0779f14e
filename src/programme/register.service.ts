import { Brackets, In, Not, type DataSource, type EntityManager } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import { requireViewer } from "../auth/auth.service";
import { inViewerCommune, requireCommune, viewerCommunes } from "../auth/scope";
import { Producer } from "../catalog/producer.entity";
import { Product } from "../catalog/product.entity";
import { insertProducer } from "../catalog/staff-producers.service";
import { insertProduct, requireProductSet } from "../catalog/staff-products.service";
import { type CursorCodec, pageSize } from "../core/connection";
import { badInput, conflict, invalidTransition, notFound } from "../core/errors";
import { parseId } from "../core/ids";
import { keysetPage } from "../core/paging";
import { blankToNull, fold } from "../core/text";
import { inTransaction, lockRow } from "../core/transaction";
import { type Dossier, DossierKind } from "../dossiers/dossier.entity";
import { openDossier } from "../dossiers/dossier.service";
import { Commune } from "../geography/commune.entity";
import { enumRef, enumRefs } from "../i18n/messages";
import type { RequestScope } from "../request";
import { PotentialProduct, PotentialProductSource, PotentialProductStatus } from "./programme.entity";
import type { UpgradeCandidateInput } from "./self-assessment.types";
import { Certificate, CertificateStatus, certificateStatus } from "../certificates/certificate.entity";
import {
  type OpenPotentialDossierArgs,
  type PotentialProductInput,
  PotentialProductConnection,
  type PotentialProductsArgs,
} from "./programme.types";
import { communeMovesFrom, transitionTo } from "./potential-workflow";

const { DROPPED, CERTIFIED } = PotentialProductStatus;

/** The communes' register of potential products: propose, review, select, open a dossier (Decision 148, step 1). */
export class PotentialProductService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cursors: CursorCodec,
  ) {}

  async propose(ctx: RequestScope, input: PotentialProductInput): Promise<PotentialProduct> {
    const viewer = requireViewer(ctx);
    requireCommune(viewer, input.communeCode);
    const name = input.name.trim();
    const producerId = input.producerId ? parseId(input.producerId, "input.producerId", "Producer") : null;
    return inTransaction(this.dataSource, async (m) => {
      // The commune's row is held: two proposals of one product take turns, and the second finds the first.
      if (!(await lockRow(m, Commune, { code: input.communeCode })))
        throw badInput("geo.unknownCommune", "input.communeCode", { code: input.communeCode });
      await requireProductSet(m, input.categoryCode, "input.categoryCode");
      if (producerId !== null) {
        const producer = await m.findOneBy(Producer, { id: producerId });
        // Another commune's producer is, to a commune officer, no producer at all.
        if (!producer || !inViewerCommune(viewer, producer.communeCode)) throw notFound("catalog.noProducer");
        if (producer.communeCode !== input.communeCode)
          throw badInput("programme.producerElsewhere", "input.producerId");
      }
      return this.insert(
        m,
        ctx,
        {
          name,
          categoryCode: input.categoryCode,
          communeCode: input.communeCode,
          producerId,
          contact: blankToNull(input.contact),
          source: input.source,
          note: blankToNull(input.note),
          plannedYear: input.plannedYear ?? null,
          productId: null,
          targetStars: null,
          upgradeOfId: null,
        },
        `${name} (${input.source})`,
      );
    });
  }

  /**
   * A certified product of the commune proposed for more stars than its active certificate's: it enters the
   * register as PROPOSED, and its dossier, once opened, is an UPGRADE of that product.
   */
  async proposeUpgrade(ctx: RequestScope, input: UpgradeCandidateInput): Promise<PotentialProduct> {
    const viewer = requireViewer(ctx);
    const productId = parseId(input.productId, "input.productId", "Product");
    return inTransaction(this.dataSource, async (m) => {
      const product = await m.findOneBy(Product, { id: productId });
      if (!product || !inViewerCommune(viewer, product.communeCode)) throw notFound("catalog.noProduct");
      // The commune's row is held, as for any proposal: the second of two finds the first.
      await lockRow(m, Commune, { code: product.communeCode });
      const certificate = product.currentCertificateId
        ? await m.findOneBy(Certificate, { id: product.currentCertificateId })
        : null;
      if (!certificate || certificateStatus(certificate, ctx.today) !== CertificateStatus.ACTIVE)
        throw badInput("programme.notCertified", "input.productId", { name: product.name });
      if (input.targetStars <= certificate.stars)
        throw badInput("programme.notMoreStars", "input.targetStars", { stars: certificate.stars });
      return this.insert(
        m,
        ctx,
        {
          name: product.name,
          categoryCode: product.categoryCode,
          communeCode: product.communeCode,
          producerId: product.producerId,
          contact: null,
          source: PotentialProductSource.REVIEW,
          note: blankToNull(input.note),
          plannedYear: input.plannedYear ?? null,
          productId: product.id,
          targetStars: input.targetStars,
          upgradeOfId: certificate.id,
        },
        `${product.name}: upgrade of ${certificate.number} (${certificate.stars} → ${input.targetStars} stars)`,
      );
    });
  }

  /** One entry of the register the viewer may see (another commune's is as absent as a missing one). */
  async entry(ctx: RequestScope, rawId: string): Promise<PotentialProduct | null> {
    const potential = await this.dataSource
      .getRepository(PotentialProduct)
      .findOneBy({ id: parseId(rawId, "id") });
    return potential && inViewerCommune(requireViewer(ctx), potential.communeCode) ? potential : null;
  }

  /** The commune moves a potential product along the register (the table in potential-workflow.ts). */
  async setStatus(
    ctx: RequestScope,
    rawId: string,
    status: PotentialProductStatus,
    rawReason?: string | null,
  ): Promise<PotentialProduct> {
    const viewer = requireViewer(ctx);
    const reason = blankToNull(rawReason);
    return inTransaction(this.dataSource, async (m) => {
      const potential = await this.visible(m, viewer, rawId, { lock: true });
      if (potential.status === status) return potential; // asked again: already so
      const transition = transitionTo(potential.status, status, "commune");
      if (!transition)
        throw invalidTransition(
          "programme.notPossible",
          {
            from: enumRef("PotentialProductStatus", potential.status),
            to: enumRef("PotentialProductStatus", status),
            allowed: enumRefs("PotentialProductStatus", communeMovesFrom(potential.status)),
          },
          { status: potential.status, allowedStatuses: communeMovesFrom(potential.status) },
        );
      if (transition.needsReason && !reason) throw badInput("programme.dropReason", "reason");
      const changes = { status, dropReason: status === DROPPED ? reason : null };
      await m.update(PotentialProduct, potential.id, changes);
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "POTENTIAL_PRODUCT_STATUS",
        subjectType: "PotentialProduct",
        subjectId: potential.id,
        fromStatus: potential.status,
        toStatus: status,
        note: reason,
      });
      return Object.assign(potential, changes);
    });
  }

  /**
   * Opens the dossier of a SELECTED or IN_PREPARATION potential product: its producer and product are found
   * as the import finds them (producer by registration number, else by folded name in the commune; product
   * by folded name and producer) or created, so that nothing is recorded twice.
   */
  async openDossier(ctx: RequestScope, args: OpenPotentialDossierArgs): Promise<Dossier> {
    const viewer = requireViewer(ctx);
    const roundId = parseId(args.roundId, "roundId");
    return inTransaction(this.dataSource, async (m) => {
      const potential = await this.visible(m, viewer, args.id, { lock: true });
      if (!transitionTo(potential.status, PotentialProductStatus.DOSSIER_OPENED, "dossier"))
        throw invalidTransition("programme.notReady", {
          status: enumRef("PotentialProductStatus", potential.status),
        });
      const producer = await this.producerOf(m, ctx, potential, args.producer);
      const product = await this.productOf(m, ctx, potential, producer);
      await m.update(PotentialProduct, potential.id, { producerId: producer.id, productId: product.id });
      return openDossier(m, ctx, {
        productId: product.id,
        roundId,
        kind: potential.upgradeOfId ? DossierKind.UPGRADE : DossierKind.NEW,
      });
    });
  }

  async list(ctx: RequestScope, args: PotentialProductsArgs): Promise<PotentialProductConnection> {
    const viewer = requireViewer(ctx);
    const filtered = () => {
      const qb = this.dataSource.getRepository(PotentialProduct).createQueryBuilder("pp");
      const scope = viewerCommunes(viewer);
      if (scope) qb.andWhere("pp.communeCode IN (:...scope)", { scope });
      if (args.communeCodes?.length)
        qb.andWhere("pp.communeCode IN (:...communes)", { communes: args.communeCodes });
      if (args.statuses?.length) qb.andWhere("pp.status IN (:...statuses)", { statuses: args.statuses });
      if (args.plannedYear) qb.andWhere("pp.plannedYear = :year", { year: args.plannedYear });
      const categories = args.categoryCodes ?? [];
      if (categories.length)
        qb.andWhere(
          new Brackets((b) =>
            categories.forEach((code, i) =>
              b.orWhere(`(pp.categoryCode = :cat${i} OR pp.categoryCode LIKE :catPrefix${i})`, {
                [`cat${i}`]: code,
                [`catPrefix${i}`]: `${code}.%`,
              }),
            ),
          ),
        );
      return qb;
    };
    const page = await keysetPage(filtered(), {
      alias: "pp",
      sortKey: "id",
      direction: "DESC",
      first: pageSize(args.first),
      tag: ["potentialProducts"],
      numeric: true,
      after: args.after,
      cursors: this.cursors,
      countTotal: () => filtered().getCount(),
    });
    return Object.assign(new PotentialProductConnection(), page);
  }

  // ── helpers ───────────────────────────────────────────────────────────────────────────────────────

  /** A new PROPOSED entry, unless the commune's register already follows one of that name (CONFLICT). */
  private async insert(
    m: EntityManager,
    ctx: RequestScope,
    fields: Pick<
      PotentialProduct,
      | "name"
      | "categoryCode"
      | "communeCode"
      | "producerId"
      | "contact"
      | "source"
      | "note"
      | "plannedYear"
      | "productId"
      | "targetStars"
      | "upgradeOfId"
    >,
    note: string,
  ): Promise<PotentialProduct> {
    const viewer = requireViewer(ctx);
    const same = await m.findOneBy(PotentialProduct, {
      communeCode: fields.communeCode,
      nameKey: fold(fields.name),
      status: Not(In([DROPPED, CERTIFIED])),
    });
    if (same)
      throw conflict(
        "programme.alreadyRegistered",
        { name: same.name, status: enumRef("PotentialProductStatus", same.status) },
        { existingId: String(same.id) },
      );
    const potential = await m.save(
      m.create(PotentialProduct, {
        ...fields,
        status: PotentialProductStatus.PROPOSED,
        dropReason: null,
        dossierId: null,
        createdById: viewer.id,
      }),
    );
    await audit(m, {
      at: ctx.now,
      actorId: viewer.id,
      action: "POTENTIAL_PRODUCT_PROPOSED",
      subjectType: "PotentialProduct",
      subjectId: potential.id,
      toStatus: potential.status,
      note,
    });
    return potential;
  }

  private async visible(
    m: EntityManager,
    viewer: ReturnType<typeof requireViewer>,
    rawId: string,
    { lock }: { lock: boolean },
  ): Promise<PotentialProduct> {
    const id = parseId(rawId, "id");
    const potential = lock
      ? await lockRow(m, PotentialProduct, id)
      : await m.findOneBy(PotentialProduct, { id });
    if (!potential || !inViewerCommune(viewer, potential.communeCode)) throw notFound("programme.notFound");
    return potential;
  }

  private async producerOf(
    m: EntityManager,
    ctx: RequestScope,
    potential: PotentialProduct,
    given: OpenPotentialDossierArgs["producer"],
  ): Promise<Producer> {
    if (potential.producerId) return m.findOneByOrFail(Producer, { id: potential.producerId });
    if (!given) throw badInput("programme.producerNeeded", "producer");
    const registrationNumber = blankToNull(given.registrationNumber);
    const found =
      (registrationNumber &&
        (await m.findOneBy(Producer, { communeCode: potential.communeCode, registrationNumber }))) ||
      (await m.findOneBy(Producer, { communeCode: potential.communeCode, nameKey: fold(given.name) }));
    if (found) return found;
    return insertProducer(
      m,
      ctx,
      {
        name: given.name.trim(),
        kind: given.kind,
        communeCode: potential.communeCode,
        registrationNumber,
        representative: null,
        address: null,
        phone: null,
        email: null,
        website: null,
      },
      `potential product ${potential.id}`,
    );
  }

  private async productOf(
    m: EntityManager,
    ctx: RequestScope,
    potential: PotentialProduct,
    producer: Producer,
  ): Promise<Product> {
    if (potential.productId) return m.findOneByOrFail(Product, { id: potential.productId });
    const found = await m.findOneBy(Product, { producerId: producer.id, nameKey: fold(potential.name) });
    if (found) return found;
    return insertProduct(
      m,
      ctx,
      { name: potential.name, description: null, categoryCode: potential.categoryCode, producer },
      `potential product ${potential.id}`,
    );
  }
}
