import type { DataSource, EntityManager } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import { requireViewer } from "../auth/auth.service";
import { inViewerCommune, requireCommune } from "../auth/scope";
import { badInput, notFound } from "../core/errors";
import { parseId } from "../core/ids";
import { slugify } from "../core/text";
import type { Context } from "../context";
import { Commune } from "../geography/commune.entity";
import { Category, CategoryLevel } from "./category.entity";
import { Producer } from "./producer.entity";
import { Product } from "./product.entity";
import { refreshSearchTokens } from "./product-index";
import type { CreateProducerInput, CreateProductInput, UpdateProducerInput, UpdateProductInput } from "./staff-catalog.types";

/** Producers and products as staff keep them: commune officers in their own commune, the province anywhere. */
export class StaffCatalogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly onCatalogChange: () => void,
  ) {}

  async createProducer(ctx: Context, input: CreateProducerInput): Promise<Producer> {
    const viewer = requireViewer(ctx);
    requireCommune(viewer, input.communeCode);
    return this.dataSource.transaction(async (m) => {
      if (!(await m.existsBy(Commune, { code: input.communeCode }))) throw badInput(`communeCode ${input.communeCode} is not a known unit`, { argument: "input.communeCode" });
      const producer = await m.save(
        m.create(Producer, {
          name: input.name.trim(),
          kind: input.kind,
          communeCode: input.communeCode,
          registrationNumber: blankToNull(input.registrationNumber),
          representative: blankToNull(input.representative),
          address: blankToNull(input.address),
          phone: blankToNull(input.phone),
          email: blankToNull(input.email)?.toLowerCase() ?? null,
          website: blankToNull(input.website),
        }),
      );
      await audit(m, { at: ctx.now, actorId: viewer.id, action: "PRODUCER_CREATED", subjectType: "Producer", subjectId: producer.id, note: producer.name });
      return producer;
    });
  }

  async updateProducer(ctx: Context, input: UpdateProducerInput): Promise<Producer> {
    const viewer = requireViewer(ctx);
    const id = parseId(input.id, "input.id");
    const producer = await this.dataSource.transaction(async (m) => {
      const producer = await m.findOneBy(Producer, { id });
      if (!producer || !inViewerCommune(viewer, producer.communeCode)) throw notFound("no producer has this id");
      const { id: _id, ...fields } = input;
      for (const [key, value] of Object.entries(fields)) {
        if (value === undefined || (value === null && (key === "name" || key === "kind"))) continue;
        (producer as unknown as Record<string, unknown>)[key] = typeof value === "string" ? blankToNull(value) : value;
      }
      await m.save(producer);
      await audit(m, { at: ctx.now, actorId: viewer.id, action: "PRODUCER_UPDATED", subjectType: "Producer", subjectId: id, note: Object.keys(fields).join(", ") });
      if (fields.name) await this.reindexProducer(m, id); // search covers producer names
      return producer;
    });
    this.onCatalogChange();
    return producer;
  }

  async createProduct(ctx: Context, input: CreateProductInput): Promise<Product> {
    const viewer = requireViewer(ctx);
    const producerId = parseId(input.producerId, "input.producerId");
    return this.dataSource.transaction(async (m) => {
      const producer = await m.findOneBy(Producer, { id: producerId });
      if (!producer || !inViewerCommune(viewer, producer.communeCode)) throw notFound("no producer has this id");
      await requireProductSet(m, input.categoryCode, "input.categoryCode");
      const name = input.name.trim();
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
      await audit(m, { at: ctx.now, actorId: viewer.id, action: "PRODUCT_CREATED", subjectType: "Product", subjectId: product.id, note: name });
      return product;
    });
  }

  async updateProduct(ctx: Context, input: UpdateProductInput): Promise<Product> {
    const viewer = requireViewer(ctx);
    const id = parseId(input.id, "input.id");
    const product = await this.dataSource.transaction(async (m) => {
      const product = await m.findOneBy(Product, { id });
      if (!product || !inViewerCommune(viewer, product.communeCode)) throw notFound("no product has this id");
      if (input.categoryCode) {
        await requireProductSet(m, input.categoryCode, "input.categoryCode");
        product.categoryCode = input.categoryCode;
      }
      if (input.name) product.name = input.name.trim(); // the slug stays: links keep working
      if (input.description !== undefined) product.description = blankToNull(input.description);
      await m.save(product);
      await refreshSearchTokens(m, [id]);
      await audit(m, { at: ctx.now, actorId: viewer.id, action: "PRODUCT_UPDATED", subjectType: "Product", subjectId: id });
      return product;
    });
    this.onCatalogChange();
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
    await refreshSearchTokens(m, products.map((p) => p.id));
  }
}

const blankToNull = (v: string | null | undefined): string | null => (v === undefined || v === null || v.trim() === "" ? null : v.trim());

async function requireProductSet(m: EntityManager, code: string, argument: string): Promise<void> {
  const category = await m.findOneBy(Category, { code });
  if (!category || category.level !== CategoryLevel.SET) throw badInput(`${argument} ${code} is not a product set (like I.2.b)`, { argument });
}

/** The folded name, with -2, -3… when taken. */
async function uniqueSlug(m: EntityManager, name: string): Promise<string> {
  const base = slugify(name).slice(0, 120);
  const taken = new Set(
    (await m.getRepository(Product).createQueryBuilder("p").select("p.slug", "slug").where("p.slug = :base OR p.slug LIKE :prefix", { base, prefix: `${base}-%` }).getRawMany<{ slug: string }>()).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
