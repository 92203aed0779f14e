import { join } from "node:path";
import type { DataSource, EntityManager } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import { requireViewer } from "../auth/auth.service";
import { inViewerCommune } from "../auth/scope";
import { catalogWritten } from "../catalog/catalog-written";
import type { CatalogGeneration } from "../catalog/generation";
import { Product } from "../catalog/product.entity";
import { badInput, conflict, notFound } from "../core/errors";
import { parseId } from "../core/ids";
import { blankToNull } from "../core/text";
import { inTransaction, lockRow } from "../core/transaction";
import { StoredFile } from "../files/stored-file.entity";
import type { RequestScope } from "../request";
import type {
  OrderProductImagesInput,
  ProductImageInput,
  SetPointsOfSaleInput,
  UpdateProductImageInput,
} from "./content.types";
import { type ImageFormat, type ImageSize, makeVariants, variantPath } from "./images";
import { NOWHERE, placeOf } from "./place-input";
import { PointOfSale } from "./point-of-sale.entity";
import { MAX_IMAGES_PER_PRODUCT, ProductImage } from "./product-image.entity";

/** What an edit of a product's content wrote, for its audit event; null when nothing changed. */
type Edit = (m: EntityManager, product: Product) => Promise<string | null>;

/**
 * What portals show of a product beyond its listing: photos (uploaded with POST /files, purpose image) and
 * points of sale. Staff of the product's commune (and the province) edit them; every edit is audited and
 * is a catalog change (the caches and the change feed see it).
 */
export class ProductContentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly generation: CatalogGeneration,
    private readonly filesDir: string,
    private readonly publicBaseUrl: string,
  ) {}

  /** A variant's absolute URL: portals show photos from another host. */
  imageUrl(image: Pick<ProductImage, "sha256">, size: ImageSize, format: ImageFormat): string {
    return `${this.publicBaseUrl}${variantPath(image.sha256, size, format)}`;
  }

  async addImage(ctx: RequestScope, input: ProductImageInput): Promise<Product> {
    const viewer = requireViewer(ctx);
    const productId = parseId(input.productId, "input.productId", "Product");
    const fileId = parseId(input.fileId, "input.fileId");
    const file = await this.dataSource.getRepository(StoredFile).findOneBy({ id: fileId });
    // Only a photo this officer uploaded as one: never another user's file, never a dossier's evidence.
    if (!file || file.purpose !== "image" || file.uploadedById !== viewer.id)
      throw badInput("content.notYourPhoto", "input.fileId");
    // Made at upload; made again here if the folder of variants was lost.
    const { width, height } = await makeVariants(
      join(this.filesDir, file.sha256),
      this.filesDir,
      file.sha256,
    );
    return this.edit(ctx, productId, "PRODUCT_IMAGE_ADDED", async (m) => {
      const images = await m.find(ProductImage, { where: { productId } });
      if (images.length >= MAX_IMAGES_PER_PRODUCT)
        throw conflict("content.tooManyPhotos", { max: MAX_IMAGES_PER_PRODUCT });
      if (images.some((i) => i.sha256 === file.sha256)) throw conflict("content.photoAlreadyAdded");
      const image = await m.save(
        m.create(ProductImage, {
          productId,
          position: images.length,
          fileId,
          sha256: file.sha256,
          width,
          height,
          alt: input.alt.trim(),
          altEn: blankToNull(input.altEn),
        }),
      );
      return `photo ${image.id} (file ${fileId}, ${file.originalName}, sha256 ${file.sha256}), at ${image.position + 1}`;
    });
  }

  async updateImage(ctx: RequestScope, input: UpdateProductImageInput): Promise<Product> {
    const { id, productId } = await this.imageOf(ctx, input.id, "input.id");
    return this.edit(ctx, productId, "PRODUCT_IMAGE_UPDATED", async (m) => {
      // Read again under the product's lock: compared with what a concurrent edit left.
      const image = await m.findOneBy(ProductImage, { id });
      if (!image) throw notFound("content.noPhoto");
      const changes: Partial<ProductImage> = {};
      if (input.alt !== undefined && input.alt !== null && input.alt.trim() !== image.alt)
        changes.alt = input.alt.trim();
      if (input.altEn !== undefined && blankToNull(input.altEn) !== image.altEn)
        changes.altEn = blankToNull(input.altEn);
      if (!Object.keys(changes).length) return null;
      await m.update(ProductImage, image.id, changes);
      return `photo ${image.id}: ${Object.entries(changes)
        .map(([k, v]) => `${k}: ${JSON.stringify(image[k as keyof ProductImage])} → ${JSON.stringify(v)}`)
        .join("; ")}`;
    });
  }

  async removeImage(ctx: RequestScope, rawId: string): Promise<Product> {
    const image = await this.imageOf(ctx, rawId, "id");
    return this.edit(ctx, image.productId, "PRODUCT_IMAGE_REMOVED", async (m) => {
      const deleted = await m.delete(ProductImage, { id: image.id });
      if (!deleted.affected) throw notFound("content.noPhoto"); // removed meanwhile
      const rest = await m.find(ProductImage, {
        where: { productId: image.productId },
        order: { position: "ASC" },
      });
      await renumber(m, rest);
      return `photo ${image.id} (file ${image.fileId}, sha256 ${image.sha256})`;
    });
  }

  async orderImages(ctx: RequestScope, input: OrderProductImagesInput): Promise<Product> {
    const productId = parseId(input.productId, "input.productId", "Product");
    return this.edit(ctx, productId, "PRODUCT_IMAGES_ORDERED", async (m) => {
      const images = await m.find(ProductImage, { where: { productId }, order: { position: "ASC" } });
      const byId = new Map(images.map((i) => [i.id, i]));
      const ids = input.imageIds.map((id) => parseId(id, "input.imageIds", "ProductImage"));
      const ordered = ids.map((id) => byId.get(id));
      if (new Set(ids).size !== images.length || ordered.some((i) => !i))
        throw badInput("content.photoOrder", "input.imageIds", { count: images.length });
      if (ordered.every((image, i) => image!.position === i)) return null;
      await renumber(m, ordered as ProductImage[]);
      return `order: ${ids.join(", ")}`;
    });
  }

  async setPointsOfSale(ctx: RequestScope, input: SetPointsOfSaleInput): Promise<Product> {
    const productId = parseId(input.productId, "input.productId", "Product");
    const rows = input.pointsOfSale.map((p, position) => ({
      productId,
      position,
      name: p.name.trim(),
      address: blankToNull(p.address),
      phone: blankToNull(p.phone),
      url: blankToNull(p.url),
      ...placeOf(p, NOWHERE, `input.pointsOfSale.${position}`),
    }));
    return this.edit(ctx, productId, "PRODUCT_POINTS_OF_SALE_SET", async (m) => {
      const before = await m.find(PointOfSale, { where: { productId }, order: { position: "ASC" } });
      const same = (p: PointOfSale, i: number) =>
        (["name", "address", "phone", "url", "latitude", "longitude"] as const).every(
          (k) => p[k] === rows[i][k],
        );
      if (before.length === rows.length && before.every(same)) return null;
      await m.delete(PointOfSale, { productId });
      if (rows.length) await m.insert(PointOfSale, rows);
      return `${before.length} → ${rows.length}: ${rows.map((r) => r.name).join("; ")}`;
    });
  }

  /** A photo of a product the viewer may edit (else NOT_FOUND, as for a photo that does not exist). */
  private async imageOf(ctx: RequestScope, rawId: string, argument: string): Promise<ProductImage> {
    const viewer = requireViewer(ctx);
    const image = await this.dataSource.getRepository(ProductImage).findOne({
      where: { id: parseId(rawId, argument, "ProductImage") },
      relations: { product: true },
    });
    if (!image || !inViewerCommune(viewer, image.product!.communeCode)) throw notFound("content.noPhoto");
    return image;
  }

  /**
   * One edit of a product's content: the product's row held (edits of one product take turns), the
   * viewer's commune checked, the event audited and the catalog changed; nothing written when nothing changes.
   */
  private async edit(ctx: RequestScope, productId: number, action: string, work: Edit): Promise<Product> {
    const viewer = requireViewer(ctx);
    let changed = false;
    const product = await inTransaction(this.dataSource, async (m) => {
      const product = await lockRow(m, Product, productId);
      if (!product || !inViewerCommune(viewer, product.communeCode)) throw notFound("catalog.noProduct");
      const note = await work(m, product);
      if (note === null) return product;
      changed = true;
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action,
        subjectType: "Product",
        subjectId: productId,
        note,
      });
      await m.update(Product, productId, { updatedAt: ctx.now });
      await catalogWritten(m, { products: [productId] });
      return m.findOneByOrFail(Product, { id: productId });
    });
    if (changed) this.generation.changed();
    return product;
  }
}

/** Positions 0, 1, 2… in this order (only the rows whose position moves are written). */
async function renumber(m: EntityManager, images: ProductImage[]): Promise<void> {
  for (const [position, image] of images.entries())
    if (image.position !== position) await m.update(ProductImage, image.id, { position });
}
