import { In, IsNull, type EntityManager } from "typeorm";
import { Certificate } from "../certificates/certificate.entity";
import { words } from "../core/text";
import { Commune } from "../geography/commune.entity";
import { Producer } from "./producer.entity";
import { Product, ProductSearchToken } from "./product.entity";

const MAX_TOKEN_LENGTH = 40;

/**
 * Copies a product's current certificate (the newest neither revoked nor superseded) onto the product
 * row. Call it in the transaction of every certificate event.
 */
export async function refreshCurrentCertificate(manager: EntityManager, productId: number): Promise<void> {
  const current = await manager.findOne(Certificate, {
    where: { productId, revokedOn: IsNull(), supersededById: IsNull() },
    order: { issuedOn: "DESC", id: "DESC" },
  });
  await manager.update(Product, productId, {
    currentCertificateId: current?.id ?? null,
    stars: current?.stars ?? null,
    certifiedOn: current?.decisionDate ?? null,
    certificateExpiresOn: current?.expiresOn ?? null,
  });
}

/** Rewrites the search words of these products from their name, producer name and commune name. */
export async function refreshSearchTokens(manager: EntityManager, productIds: number[]): Promise<void> {
  if (productIds.length === 0) return;
  const products = await manager.find(Product, { where: { id: In(productIds) } });
  const producers = await manager.find(Producer, {
    where: { id: In([...new Set(products.map((p) => p.producerId))]) },
  });
  const communes = await manager.find(Commune, {
    where: { code: In([...new Set(products.map((p) => p.communeCode))]) },
  });
  const producerName = new Map(producers.map((p) => [p.id, p.name]));
  const communeName = new Map(communes.map((c) => [c.code, c.name]));

  const rows: ProductSearchToken[] = [];
  for (const p of products) {
    const text = [p.name, producerName.get(p.producerId) ?? "", communeName.get(p.communeCode) ?? ""].join(
      " ",
    );
    for (const token of new Set(words(text).map((w) => w.slice(0, MAX_TOKEN_LENGTH)))) {
      rows.push(manager.create(ProductSearchToken, { productId: p.id, token }));
    }
  }
  await manager.delete(ProductSearchToken, { productId: In(productIds) });
  for (let i = 0; i < rows.length; i += 500) await manager.insert(ProductSearchToken, rows.slice(i, i + 500));
}
