import type { DataSource, EntityManager } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import { requireViewer } from "../auth/auth.service";
import { inViewerCommune, requireCommune } from "../auth/scope";
import { badInput, conflict, notFound } from "../core/errors";
import { inTransaction, lockRow } from "../db/transaction";
import { parseId } from "../core/ids";
import { fold, slugify } from "../core/text";
import type { Context } from "../context";
import { Commune } from "../geography/commune.entity";
import { Category, CategoryLevel } from "./category.entity";
import { CatalogGeneration } from "./generation";
import { Producer } from "./producer.entity";
import { Product } from "./product.entity";
import { refreshSearchTokens } from "./product-index";
import type {
  CreateProducerInput,
  CreateProductInput,
  UpdateProducerInput,
  UpdateProductInput,
} from "./staff-catalog.types";

/** Producers and products as staff keep them: commune officers in their own commune, the province anywhere. */
export class StaffCatalogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly generation: CatalogGeneration,
  ) {}

  async createProducer(ctx: Context, input: CreateProducerInput): Promise<Producer> {
    const viewer = requireViewer(ctx);
    requireCommune(viewer, input.communeCode);
    return inTransaction(this.dataSource, async (m) => {
      // The commune's row is held: two requests creating one producer take turns, and the second finds the first.
      if (!(await lockRow(m, Commune, { code: input.communeCode })))
        throw badInput("geo.unknownCommune", "input.communeCode", { code: input.communeCode });
      const registrationNumber = blankToNull(input.registrationNumber);
      const existing = (await m.find(Producer, { where: { communeCode: input.communeCode } })).find(
        (p) =>
          (registrationNumber && p.registrationNumber === registrationNumber) ||
          fold(p.name) === fold(input.name),
      );
      if (existing)
        throw conflict(
          "catalog.producerExists",
          { name: existing.name, id: existing.id },
          { existingId: String(existing.id) },
        );
      const producer = await m.save(
        m.create(Producer, {
          name: input.name.trim(),
          kind: input.kind,
          communeCode: input.communeCode,
          registrationNumber,
          representative: blankToNull(input.representative),
          address: blankToNull(input.address),
          phone: blankToNull(input.phone),
          email: blankToNull(input.email)?.toLowerCase() ?? null,
          website: blankToNull(input.website),
        }),
      );
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "PRODUCER_CREATED",
        subjectType: "Producer",
        subjectId: producer.id,
        note: producer.name,
      });
      return producer;
    });
  }

  async updateProducer(ctx: Context, input: UpdateProducerInput): Promise<Producer> {
    const viewer = requireViewer(ctx);
    const id = parseId(input.id, "input.id");
    const producer = await inTransaction(this.dataSource, async (m) => {
      const producer = await lockRow(m, Producer, id);
      if (!producer || !inViewerCommune(viewer, producer.communeCode)) throw notFound("catalog.noProducer");
      const { id: _id, ...fields } = input;
      const changes: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(fields)) {
        if (value === undefined || (value === null && (key === "name" || key === "kind"))) continue;
        const next = typeof value === "string" ? blankToNull(value) : value;
        if ((producer as unknown as Record<string, unknown>)[key] !== next) changes[key] = next;
      }
      if (!Object.keys(changes).length) return producer; // nothing changes: no write, no event
      await auditChanges(
        m,
        ctx,
        "PRODUCER_UPDATED",
        "Producer",
        id,
        producer as unknown as Record<string, unknown>,
        changes,
      );
      await CatalogGeneration.bump(m); // the catalog shows producers' names and contacts
      Object.assign(producer, changes);
      await m.save(producer);
      if (changes.name) await this.reindexProducer(m, id); // search covers producer names
      return producer;
    });
    this.generation.changed();
    return producer;
  }

  async createProduct(ctx: Context, input: CreateProductInput): Promise<Product> {
    const viewer = requireViewer(ctx);
    const producerId = parseId(input.producerId, "input.producerId");
    return inTransaction(this.dataSource, async (m) => {
      // The producer's row is held: two requests creating one product take turns, and the second finds the first.
      const producer = await lockRow(m, Producer, producerId);
      if (!producer || !inViewerCommune(viewer, producer.communeCode)) throw notFound("catalog.noProducer");
      await requireProductSet(m, input.categoryCode, "input.categoryCode");
      const name = input.name.trim();
      const same = (
        await m.find(Product, { select: { id: true, name: true, slug: true }, where: { producerId } })
      ).find((p) => fold(p.name) === fold(name));
      if (same)
        throw conflict(
          "catalog.productExists",
          { name: same.name, id: same.id },
          { existingId: String(same.id), slug: same.slug },
        );
      const product = await m.save(
        m.create(Product, {
          name,
          slug: await uniqueSlug(m, name),
          description: blankToNull(input.description),
          categoryCode: input.categoryCode,
          producerId,
          communeCode: producer.communeCode,
        }),
      );
      await refreshSearchTokens(m, [product.id]);
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "PRODUCT_CREATED",
        subjectType: "Product",
        subjectId: product.id,
        note: name,
      });
      return product;
    });
  }

  async updateProduct(ctx: Context, input: UpdateProductInput): Promise<Product> {
    const viewer = requireViewer(ctx);
    const id = parseId(input.id, "input.id");
    const product = await inTransaction(this.dataSource, async (m) => {
      const product = await lockRow(m, Product, id);
      if (!product || !inViewerCommune(viewer, product.communeCode)) throw notFound("catalog.noProduct");
      const changes: Partial<Product> = {};
      if (input.categoryCode && input.categoryCode !== product.categoryCode) {
        await requireProductSet(m, input.categoryCode, "input.categoryCode");
        changes.categoryCode = input.categoryCode;
      }
      if (input.name && input.name.trim() !== product.name) changes.name = input.name.trim(); // the slug stays: links keep working
      if (input.description !== undefined && blankToNull(input.description) !== product.description)
        changes.description = blankToNull(input.description);
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
      await CatalogGeneration.bump(m);
      Object.assign(product, changes);
      await m.save(product);
      await refreshSearchTokens(m, [id]);
      return product;
    });
    this.generation.changed();
    return product;
  }

  /** A producer for staff (with its products whatever their certificates). */
  async producer(ctx: Context, rawId: string): Promise<Producer | null> {
    const viewer = requireViewer(ctx);
    const producer = await this.dataSource.getRepository(Producer).findOneBy({ id: parseId(rawId, "id") });
    return producer && inViewerCommune(viewer, producer.communeCode) ? producer : null;
  }

  private async reindexProducer(m: EntityManager, producerId: number): Promise<void> {
    const products = await m.find(Product, { select: { id: true }, where: { producerId } });
    await refreshSearchTokens(
      m,
      products.map((p) => p.id),
    );
  }
}

/** One audit event naming each changed field with its old and new value. */
async function auditChanges(
  m: EntityManager,
  ctx: Context,
  action: string,
  subjectType: string,
  subjectId: number,
  before: Record<string, unknown>,
  changes: Record<string, unknown>,
) {
  const note = Object.entries(changes)
    .map(([k, v]) => `${k}: ${JSON.stringify(before[k] ?? null)} → ${JSON.stringify(v ?? null)}`)
    .join("; ");
  await audit(m, { at: ctx.now, actorId: requireViewer(ctx).id, action, subjectType, subjectId, note });
}

const blankToNull = (v: string | null | undefined): string | null =>
  v === undefined || v === null || v.trim() === "" ? null : v.trim();

async function requireProductSet(m: EntityManager, code: string, argument: string): Promise<void> {
  const category = await m.findOneBy(Category, { code });
  if (!category || category.level !== CategoryLevel.SET)
    throw badInput("catalog.notProductSet", argument, { code });
}

/** The folded name, with -2, -3… when taken. */
async function uniqueSlug(m: EntityManager, name: string): Promise<string> {
  const base = slugify(name).slice(0, 120);
  const taken = new Set(
    (
      await m
        .getRepository(Product)
        .createQueryBuilder("p")
        .select("p.slug", "slug")
        .where("p.slug = :base OR p.slug LIKE :prefix", { base, prefix: `${base}-%` })
        .getRawMany<{ slug: string }>()
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
