// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { globalId } from "../../src/core/node";
import { AuditEvent } from "../../src/audit/audit-event.entity";
import { Product } from "../../src/catalog/product.entity";
import { ProducerKind } from "../../src/catalog/producer.entity";
import { DossierStatus } from "../../src/dossiers/workflow";
import { makeProduct, makeProducer } from "../support/factory";
import { FixedClock, type GqlResult, testApp } from "../support/http";
import { op } from "../support/operations";
import { dossierIn, useStaffApp } from "../support/staff";
import { clearTestData } from "../support/db";

const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
const t = useStaffApp(clock);
beforeEach(async () => {
  await clearTestData(t.db.dataSource, { keepUsers: true });
});

const names = (r: GqlResult, field: string): string[] =>
  (r.body.data as Record<string, { edges: { node: { name: string } }[] }>)[field].edges.map(
    (e) => e.node.name,
  );

/** Bình Lư: an active, an expired, a revoked and an uncertified product (one under evaluation); Than Uyên: one. */
async function seed() {
  const ds = t.db.dataSource;
  const coop = await makeProducer(ds, { name: "HTX Chè Bình Lư", registrationNumber: "6200123456" });
  const household = await makeProducer(ds, {
    name: "Hộ kinh doanh Lò Văn Pọm",
    kind: ProducerKind.HO_KINH_DOANH,
  });
  const active = await makeProduct(ds, {
    name: "Chè shan tuyết",
    producer: coop,
    decisionDate: "2025-01-15",
  });
  const expired = await makeProduct(ds, { name: "Chè xanh", producer: coop, decisionDate: "2021-03-01" });
  const revoked = await makeProduct(ds, {
    name: "Miến dong",
    producer: household,
    decisionDate: "2024-05-01",
    revokedOn: "2026-01-10",
  });
  const { product: uncertified, dossier } = await dossierIn(ds, DossierStatus.SUBMITTED, {
    createdBy: t.staff.binhLu.user,
  });
  const thanUyen = await makeProduct(ds, {
    name: "Gạo Séng Cù",
    communeCode: "03595",
    decisionDate: "2025-02-01",
  });
  return { coop, household, active, expired, revoked, uncertified, dossier, thanUyen };
}

it("lists the commune's products for its officer, the province's for the province, with certificate status filters", async () => {
  const s = await seed();
  const list = (filter: object, who = t.staff.province) =>
    t.app.gql(op("StaffProducts"), { filter, first: 50 }, who.headers);

  const all = await list({});
  expect(all.body.data.staffProducts.totalCount).toBe(5);
  expect(names(await list({}, t.staff.binhLu), "staffProducts")).toEqual([
    "Chè shan tuyết",
    "Chè xanh",
    "Miến dong",
    "Sản phẩm SUBMITTED",
  ]);
  expect(names(await list({ certificateStatuses: ["ACTIVE"] }), "staffProducts")).toEqual([
    "Chè shan tuyết",
    "Gạo Séng Cù",
  ]);
  expect(names(await list({ certificateStatuses: ["EXPIRED"] }), "staffProducts")).toEqual(["Chè xanh"]);
  expect(names(await list({ certificateStatuses: ["REVOKED", "NONE"] }), "staffProducts")).toEqual([
    "Miến dong",
    s.uncertified.name,
  ]);
  expect(names(await list({ hasOpenDossier: true }), "staffProducts")).toEqual([s.uncertified.name]);
  expect(names(await list({ search: "che binh lu", communeCodes: ["03390"] }), "staffProducts")).toEqual([
    "Chè shan tuyết",
    "Chè xanh",
  ]);
  // A revoked product shows its revoked certificate; an uncertified one none.
  const revoked = await list({ certificateStatuses: ["REVOKED"] });
  expect(revoked.body.data.staffProducts.edges[0].node.certificate).toMatchObject({
    status: "REVOKED",
    stars: 3,
  });

  // Keyset pages of two follow each other without gaps or repeats.
  const seen: string[] = [];
  let after: string | null = null;
  do {
    const page: GqlResult = await t.app.gql(
      op("StaffProducts"),
      { first: 2, after },
      t.staff.province.headers,
    );
    const connection = (
      page.body.data as { staffProducts: { pageInfo: { endCursor: string | null; hasNextPage: boolean } } }
    ).staffProducts;
    seen.push(...names(page, "staffProducts"));
    after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  } while (after);
  expect(seen).toEqual(names(all, "staffProducts"));
});

it("lists producers by name, searched by name or registration number, filtered by kind, within the officer's commune", async () => {
  await seed();
  const list = (filter: object, who = t.staff.province) =>
    t.app.gql(op("StaffProducers"), { filter, first: 50 }, who.headers);
  expect(names(await list({ search: "lo van" }), "staffProducers")).toEqual(["Hộ kinh doanh Lò Văn Pọm"]);
  expect(names(await list({ search: "6200123456" }), "staffProducers")).toEqual(["HTX Chè Bình Lư"]);
  expect(names(await list({ kinds: ["HO_KINH_DOANH"] }), "staffProducers")).toEqual([
    "Hộ kinh doanh Lò Văn Pọm",
  ]);
  const thanUyen = await list({}, t.staff.thanUyen);
  expect(
    thanUyen.body.data.staffProducers.edges.every(
      (e: { node: { commune: { code: string } } }) => e.node.commune.code === "03595",
    ),
  ).toBe(true);
  const bad = await list({ communeCodes: ["x"] });
  expect(bad.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
});

it("deletes a product entered by mistake, archives one with a history, and hides archived ones unless asked", async () => {
  const s = await seed();
  const ds = t.db.dataSource;
  const mistake = await makeProduct(ds, { name: "Nhập nhầm", decisionDate: null });
  const del = (id: number) =>
    t.app.gql(`mutation($id: ID!) { deleteProduct(id: $id) }`, { id: String(id) }, t.staff.binhLu.headers);
  expect((await del(mistake.product.id)).body.data.deleteProduct).toBe(
    globalId("Product", mistake.product.id),
  );
  expect(await ds.getRepository(Product).findOneBy({ id: mistake.product.id })).toBeNull();
  expect((await del(s.expired.product.id)).body.errors?.[0]?.extensions?.code).toBe("CONFLICT");

  const archive = (id: number, archived = true) =>
    t.app.gql(
      `mutation($id: ID!, $a: Boolean!) { archiveProduct(id: $id, archived: $a) { id } }`,
      { id: String(id), a: archived },
      t.staff.binhLu.headers,
    );
  expect((await archive(s.uncertified.id)).body.errors?.[0]?.extensions?.code).toBe("CONFLICT"); // under evaluation
  await archive(s.expired.product.id);
  await archive(s.expired.product.id); // a repeat changes nothing
  expect(await ds.getRepository(AuditEvent).countBy({ action: "PRODUCT_ARCHIVED" })).toBe(1);
  const listed = await t.app.gql(op("StaffProducts"), { filter: {} }, t.staff.binhLu.headers);
  expect(names(listed, "staffProducts")).not.toContain("Chè xanh");
  const withArchived = await t.app.gql(
    op("StaffProducts"),
    { filter: { includeArchived: true } },
    t.staff.binhLu.headers,
  );
  expect(names(withArchived, "staffProducts")).toContain("Chè xanh");
  await archive(s.expired.product.id, false);
  expect(await ds.getRepository(AuditEvent).countBy({ action: "PRODUCT_RESTORED" })).toBe(1);
});

it("finds communes by current or former names, and catalog products by their commune's former name", async () => {
  await seed();
  const communes = async (search: string) =>
    (await t.app.gql(op("CommunesByName"), { search })).body.data.communes.map(
      (c: { name: string }) => c.name,
    );
  expect(await communes("tam duong")).toEqual(["Bình Lư"]);
  expect(await communes("Mường Tè")).toEqual(["Mường Tè", "Bum Tở"]); // current name first
  const binhLu = (await t.app.gql(op("CommunesByName"), { search: "Bình Lư" })).body.data.communes[0];
  expect(binhLu.formerNames).toEqual(["Thị trấn Tam Đường", "Sơn Bình", "Bình Lư"]);

  const search = async (text: string) =>
    (
      await t.app.gql(`query($s: String) { products(filter: { search: $s }) { edges { node { name } } } }`, {
        s: text,
      })
    ).body.data.products.edges.map((e: { node: { name: string } }) => e.node.name);
  expect(await search("son binh")).toEqual(["Chè shan tuyết"]); // Sơn Bình was merged into Bình Lư
  expect(await search("so")).toEqual([]); // former names match whole words only
});

it("records the certificate number printed by the province, refuses one already taken, and never makes one up", async () => {
  const ds = t.db.dataSource;
  const app = await testApp(t.db, clock, { certificateNumberPattern: "{seq}/{year}/GCN-LC" });
  const recognise = async (certificateNumber: string | null) => {
    const { dossier } = await dossierIn(ds, DossierStatus.SCORED, {
      createdBy: t.staff.binhLu.user,
      resultStars: 4,
    });
    return app.gql(
      op("RecordRecognitionNumbered"),
      {
        dossierId: String(dossier.id),
        decisionNumber: "99/QĐ-UBND",
        decisionDate: "2026-06-01",
        certificateNumber,
      },
      t.staff.province.headers,
    );
  };
  expect((await recognise("LC-2026-0042")).body.data.recordRecognition).toEqual({
    number: "LC-2026-0042",
    issuedBy: "PROVINCE",
    expiresOn: "2029-06-01",
  });
  expect((await recognise("lc-2026-0042")).body.errors?.[0]?.extensions?.code).toBe("CONFLICT");
  // The pattern numbers import rows without a number only: a recognition gives the printed one.
  expect((await recognise(null)).body.errors?.[0]?.extensions).toMatchObject({
    code: "BAD_USER_INPUT",
    argument: "input.certificateNumber",
  });
});
