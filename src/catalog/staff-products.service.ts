import { globalId } from "../core/node";
import { Brackets, IsNull, Not, type DataSource, type EntityManager } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import { requireViewer } from "../auth/auth.service";
import { inViewerCommune, viewerCommunes } from "../auth/scope";
import { Certificate } from "../certificates/certificate.entity";
import { type CursorCodec, pageSize } from "../core/connection";
import { keysetPage } from "../core/paging";
import { Dossier } from "../dossiers/dossier.entity";
import { badInput, conflict, notFound } from "../core/errors";
import { inTransaction, lockRow } from "../core/transaction";
import { parseId } from "../core/ids";
import { blankToNull, fold } from "../core/text";
import type { RequestScope } from "../request";
import { Category, CategoryLevel } from "./category.entity";
import { type CatalogGeneration } from "./generation";
import { catalogWritten } from "./catalog-written";
import { Producer } from "./producer.entity";
import { insertProducts, updateProductRow } from "./writers";
import { Product, ProductSearchToken } from "./product.entity";
import { productSearchCondition } from "./product-index";
import {
  type CreateProductInput,
  StaffCertificateStatus,
  StaffProductConnection,
  type StaffProductFilter,
  type UpdateProductInput,
} from "./staff-catalog.types";

import { auditChanges } from "./staff-producers.service";

/**
 * SQL (alias `p`, parameter `:today`) for each status of the certificate a product shows: its current one
 * (ACTIVE, EXPIRED), else its newest (REVOKED, or SUPERSEDED when that one was replaced), else NONE.
 */
const NEWEST_REVOKED_ON =
  "(SELECT c.revokedOn FROM certificate c WHERE c.productId = p.id ORDER BY c.issuedOn DESC, c.id DESC LIMIT 1)";
const HAS_CERTIFICATE = "EXISTS (SELECT 1 FROM certificate c WHERE c.productId = p.id)";
const STATUS_CONDITIONS: Record<StaffCertificateStatus, string> = {
  [StaffCertificateStatus.ACTIVE]:
    "(p.currentCertificateId IS NOT NULL AND p.certificateExpiresOn >= :today)",
  [StaffCertificateStatus.EXPIRED]:
    "(p.currentCertificateId IS NOT NULL AND p.certificateExpiresOn < :today)",
  [StaffCertificateStatus.REVOKED]: `(p.currentCertificateId IS NULL AND ${HAS_CERTIFICATE} AND ${NEWEST_REVOKED_ON} IS NOT NULL)`,
  [StaffCertificateStatus.SUPERSEDED]: `(p.currentCertificateId IS NULL AND ${HAS_CERTIFICATE} AND ${NEWEST_REVOKED_ON} IS NULL)`,
  [StaffCertificateStatus.NONE]: `(p.currentCertificateId IS NULL AND NOT ${HAS_CERTIFICATE})`,
};

/** Products as staff keep them: commune officers in their own commune, the province anywhere. */
export class StaffProductService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly generation: CatalogGeneration,
    private readonly cursors: CursorCodec,
  ) {}

  async createProduct(ctx: RequestScope, input: CreateProductInput): Promise<Product> {
    const viewer = requireViewer(ctx);
    const producerId = parseId(input.producerId, "input.producerId", "Producer");
    return inTransaction(this.dataSource, async (m) => {
      // The producer's row is held: two requests creating one product take turns, and the second finds the first.
      const producer = await lockRow(m, Producer, producerId);
      if (!producer || !inViewerCommune(viewer, producer.communeCode)) throw notFound("catalog.noProducer");
      await requireProductSet(m, input.categoryCode, "input.categoryCode");
      const name = input.name.trim();
      const same = await m.findOne(Product, {
        select: { id: true, name: true, slug: true },
        where: { producerId, nameKey: fold(name) },
      });
      if (same)
        throw conflict(
          "catalog.productExists",
          { name: same.name, id: globalId("Product", same.id) },
          { existingId: globalId("Product", same.id), slug: same.slug },
        );
      return insertProduct(m, ctx, {
        name,
        description: blankToNull(input.description),
        categoryCode: input.categoryCode,
        producer,
      });
    });
  }

  async updateProduct(ctx: RequestScope, input: UpdateProductInput): Promise<Product> {
    const viewer = requireViewer(ctx);
    const id = parseId(input.id, "input.id", "Product");
    const product = await inTransaction(this.dataSource, async (m) => {
      const product = await lockRow(m, Product, id);
      if (!product || !inViewerCommune(viewer, product.communeCode)) throw notFound("catalog.noProduct");
      const changes: Partial<Product> = {};
      if (input.categoryCode && input.categoryCode !== product.categoryCode) {
        await requireProductSet(m, input.categoryCode, "input.categoryCode");
        changes.categoryCode = input.categoryCode;
      }
      if (input.name && input.name.trim() !== product.name) changes.name = input.name.trim(); // the slug stays: links keep working
      for (const key of ["description", "nameEn", "descriptionEn"] as const)
        if (input[key] !== undefined && blankToNull(input[key]) !== product[key])
          changes[key] = blankToNull(input[key]);
      if (!Object.keys(changes).length) return product; // nothing changes: no write, no event
      await auditChanges(
        m,
        ctx,
        "PRODUCT_UPDATED",
        "Product",
        id,
        product as unknown as Record<string, unknown>,
        changes,
      );
      Object.assign(product, changes);
      await updateProductRow(m, id, changes);
      // After the save, which would write the old place back; a new category moves it to another cell.
      await catalogWritten(m, {
        products: [id],
        words: [id],
        communes: changes.categoryCode ? [product.communeCode] : [],
      });
      return product;
    });
    this.generation.changed();
    return product;
  }

  /** Deletes a product that never had a certificate or a dossier (entered by mistake); others are archived. */
  async deleteProduct(ctx: RequestScope, rawId: string): Promise<string> {
    const viewer = requireViewer(ctx);
    const id = parseId(rawId, "id", "Product");
    await inTransaction(this.dataSource, async (m) => {
      const product = await lockRow(m, Product, id);
      if (!product || !inViewerCommune(viewer, product.communeCode)) throw notFound("catalog.noProduct");
      const [certificates, dossiers] = await Promise.all([
        m.countBy(Certificate, { productId: id }),
        m.countBy(Dossier, { productId: id }),
      ]);
      if (certificates || dossiers) throw conflict("catalog.productInUse", { name: product.name });
      await m.delete(ProductSearchToken, { productId: id });
      await m.delete(Product, id);
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "PRODUCT_DELETED",
        subjectType: "Product",
        subjectId: id,
        note: `${product.name} (${product.slug})`,
      });
    });
    return globalId("Product", id);
  }

  /** Archives (hides from staff lists) or restores a product; a product under evaluation stays in view. */
  async archiveProduct(ctx: RequestScope, rawId: string, archived: boolean): Promise<Product> {
    const viewer = requireViewer(ctx);
    const id = parseId(rawId, "id", "Product");
    return inTransaction(this.dataSource, async (m) => {
      const product = await lockRow(m, Product, id);
      if (!product || !inViewerCommune(viewer, product.communeCode)) throw notFound("catalog.noProduct");
      if (Boolean(product.archivedAt) === archived) return product; // nothing changes: no write, no event
      if (archived && (await m.countBy(Dossier, { productId: id, openKey: Not(IsNull()) })))
        throw conflict("catalog.productUnderEvaluation", { name: product.name });
      product.archivedAt = archived ? ctx.now : null;
      await updateProductRow(m, id, { archivedAt: product.archivedAt });
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: archived ? "PRODUCT_ARCHIVED" : "PRODUCT_RESTORED",
        subjectType: "Product",
        subjectId: id,
        note: product.name,
      });
      return product;
    });
  }

  /** Products of the viewer's commune (province: all), certified or not, by folded name. */
  async products(
    ctx: RequestScope,
    args: { filter?: StaffProductFilter | null; first?: number | null; after?: string | null },
  ): Promise<StaffProductConnection> {
    const viewer = requireViewer(ctx);
    const f = args.filter ?? {};
    const filtered = () => {
      const qb = this.dataSource.getRepository(Product).createQueryBuilder("p");
      const scope = viewerCommunes(viewer);
      if (scope) qb.andWhere("p.communeCode IN (:...scope)", { scope });
      if (f.communeCodes?.length)
        qb.andWhere("p.communeCode IN (:...communeCodes)", { communeCodes: f.communeCodes });
      if (!f.includeArchived) qb.andWhere("p.archivedAt IS NULL");
      const search = f.search ? productSearchCondition(qb, "p.id", f.search) : null;
      if (search) qb.andWhere(search);
      if (f.certificateStatuses?.length) {
        const statuses = f.certificateStatuses;
        qb.andWhere(new Brackets((b) => statuses.forEach((s) => b.orWhere(STATUS_CONDITIONS[s]))), {
          today: ctx.today,
        });
      }
      if (f.hasOpenDossier !== null && f.hasOpenDossier !== undefined) {
        const open = qb
          .subQuery()
          .select("1")
          .from(Dossier, "d")
          .where("d.productId = p.id AND d.openKey IS NOT NULL")
          .getQuery();
        qb.andWhere(`${f.hasOpenDossier ? "" : "NOT "}EXISTS ${open}`);
      }
      return qb;
    };
    const page = await keysetPage(filtered(), {
      alias: "p",
      sortKey: "nameKey",
      first: pageSize(args.first),
      tag: ["products"],
      after: args.after,
      cursors: this.cursors,
      countTotal: () => filtered().getCount(),
    });
    return Object.assign(new StaffProductConnection(), page);
  }
}

export async function requireProductSet(m: EntityManager, code: string, argument: string): Promise<void> {
  const category = await m.findOneBy(Category, { code });
  if (!category || category.level !== CategoryLevel.SET)
    throw badInput("catalog.notProductSet", argument, { code });
}

/** Records a product of a producer, searchable, with its audit event, in the caller's transaction. */
export async function insertProduct(
  m: EntityManager,
  ctx: RequestScope,
  fields: { name: string; description: string | null; categoryCode: string; producer: Producer },
  why?: string,
): Promise<Product> {
  const [id] = await insertProducts(m, [
    {
      name: fields.name,
      description: fields.description,
      categoryCode: fields.categoryCode,
      producerId: fields.producer.id,
      communeCode: fields.producer.communeCode,
    },
  ]);
  await catalogWritten(m, { words: [id] });
  const product = await m.findOneByOrFail(Product, { id });
  await audit(m, {
    at: ctx.now,
    actorId: requireViewer(ctx).id,
    action: "PRODUCT_CREATED",
    subjectType: "Product",
    subjectId: product.id,
    note: why ? `${product.name} (${why})` : product.name,
  });
  return product;
}
