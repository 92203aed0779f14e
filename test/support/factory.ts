import type { DataSource } from "typeorm";
import { Producer, ProducerKind } from "../../src/catalog/producer.entity";
import { Product } from "../../src/catalog/product.entity";
import { catalogWritten } from "../../src/catalog/catalog-written";
import { slugify } from "../../src/core/text";
import type { LocalDate } from "../../src/core/time";
import { Certificate } from "../../src/certificates/certificate.entity";
import { issueCertificate as issue } from "../../src/certificates/certificate-issuer";
import { hashPassword } from "../../src/auth/passwords";
import { type Role, User } from "../../src/auth/user.entity";

let seq = 0;

export async function makeProducer(ds: DataSource, attrs: Partial<Producer> = {}): Promise<Producer> {
  seq++;
  return ds.manager.save(
    ds.manager.create(Producer, {
      name: `HTX Thử nghiệm ${seq}`,
      kind: ProducerKind.HTX,
      communeCode: "03390",
      address: null,
      phone: "0213 000 000",
      website: null,
      email: null,
      registrationNumber: null,
      representative: null,
      ...attrs,
    }),
  );
}

export type ProductSpec = {
  name: string;
  producer?: Producer;
  communeCode?: string;
  categoryCode?: string;
  stars?: number;
  /** Decision date of its certificate; null for a product with none. */
  decisionDate?: LocalDate | null;
  expiresOn?: LocalDate;
  revokedOn?: LocalDate;
};

/** A product with one certificate (unless decisionDate is null), indexed for search. */
export async function makeProduct(
  ds: DataSource,
  spec: ProductSpec,
): Promise<{ product: Product; certificate: Certificate | null }> {
  seq++;
  const producer = spec.producer ?? (await makeProducer(ds, { communeCode: spec.communeCode ?? "03390" }));
  // As the staff catalog writes one: the product and its search words in one transaction.
  const product = await ds.transaction(async (m) => {
    const saved = await m.save(
      m.create(Product, {
        name: spec.name,
        slug: `${slugify(spec.name)}-${seq}`,
        description: null,
        categoryCode: spec.categoryCode ?? "I.2.b",
        producerId: producer.id,
        communeCode: spec.communeCode ?? producer.communeCode,
      }),
    );
    await catalogWritten(m, { words: [saved.id] });
    return saved;
  });
  let certificate: Certificate | null = null;
  if (spec.decisionDate !== null) {
    certificate = await issueCertificate(ds, product, {
      stars: spec.stars ?? 3,
      decisionDate: spec.decisionDate ?? "2025-01-15",
      expiresOn: spec.expiresOn,
      revokedOn: spec.revokedOn,
    });
  }
  return { product: await ds.manager.findOneByOrFail(Product, { id: product.id }), certificate };
}

/**
 * Issues a certificate through the real issuer (validity from the rules, supersession, catalog refresh).
 * `expiresOn` and `revokedOn` then stand for data as an import or a later event would leave it.
 */
export async function issueCertificate(
  ds: DataSource,
  product: Product,
  spec: { stars: number; decisionDate: LocalDate; expiresOn?: LocalDate; revokedOn?: LocalDate },
): Promise<Certificate> {
  seq++;
  return ds.transaction(async (m) => {
    const certificate = await issue(m, {
      productId: product.id,
      stars: spec.stars,
      decisionNumber: `${seq}/QĐ-UBND`,
      decisionDate: spec.decisionDate,
      number: `TEST-${seq}`,
      actorId: null,
      at: new Date(),
    });
    if (spec.expiresOn || spec.revokedOn) {
      await m.update(Certificate, certificate.id, {
        ...(spec.expiresOn ? { expiresOn: spec.expiresOn } : {}),
        ...(spec.revokedOn
          ? { revokedOn: spec.revokedOn, revocationReason: "Vi phạm sử dụng nhãn OCOP" }
          : {}),
      });
      await catalogWritten(m, { certificates: [product.id] });
    }
    return m.findOneByOrFail(Certificate, { id: certificate.id });
  });
}

let userSeq = 0;
export const TEST_PASSWORD = "correct horse battery";

/** A staff user with TEST_PASSWORD (hashed for real). */
export async function makeUser(
  ds: DataSource,
  role: Role,
  communeCode: string | null = null,
  attrs: Partial<User> = {},
): Promise<User> {
  userSeq++;
  return ds.manager.save(
    ds.manager.create(User, {
      email: `${role.toLowerCase()}-${userSeq}@test.ocop.vn`,
      fullName: `${role} ${userSeq}`,
      role,
      communeCode,
      active: true,
      passwordHash: await hashPassword(TEST_PASSWORD),
      tokenVersion: 1,
      ...attrs,
    }),
  );
}
