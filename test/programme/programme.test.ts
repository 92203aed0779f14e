// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import ExcelJS from "exceljs";
import request from "supertest";
import { AuditEvent } from "../../src/audit/audit-event.entity";
import { Producer } from "../../src/catalog/producer.entity";
import { Product } from "../../src/catalog/product.entity";
import { Dossier, DossierKind } from "../../src/dossiers/dossier.entity";
import { EvaluationRound } from "../../src/dossiers/round.entity";
import { DossierStatus } from "../../src/dossiers/workflow";
import { PlanTarget, PotentialProduct } from "../../src/programme/programme.entity";
import { makeProducer, makeProduct } from "../support/factory";
import { codes, FixedClock } from "../support/http";
import { op } from "../support/operations";
import { dossierIn, type Staff, useStaffApp } from "../support/staff";

const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
// Afresh before each test: the year's figures count only what the test itself recorded.
const t = useStaffApp(clock, { each: true });

const propose = (name: string, as: Staff = t.staff.binhLu, extra: Record<string, unknown> = {}) =>
  t.app.gql(
    op("ProposePotentialProduct"),
    {
      input: {
        name,
        categoryCode: "I.2.b",
        communeCode: "03390",
        source: "REVIEW",
        plannedYear: 2026,
        contact: "Ông Lò Văn Hải, 0912 000 111",
        ...extra,
      },
    },
    as.headers,
  );
const setStatus = (id: string, status: string, reason?: string, as: Staff = t.staff.binhLu) =>
  t.app.gql(op("SetPotentialProductStatus"), { id, status, reason }, as.headers);
const register = async (as: Staff, variables: Record<string, unknown> = {}) =>
  (await t.app.gql(op("PotentialProducts"), variables, as.headers)).body.data?.potentialProducts;

describe("the potential-products register", () => {
  it("follows three proposals: two selected, one dropped with a reason, one to its dossier and its certificate", async () => {
    const ids: string[] = [];
    for (const name of ["Mật ong bạc hà Bình Lư", "Gạo nếp Tan Lúc", "Chè Shan tuyết Sì Thâu Chải"]) {
      const r = await propose(name);
      expect(r.body.data.proposePotentialProduct).toMatchObject({
        name,
        status: "PROPOSED",
        source: "REVIEW",
        plannedYear: 2026,
        commune: { code: "03390" },
        category: { code: "I.2.b" },
      });
      ids.push(r.body.data.proposePotentialProduct.id);
    }
    expect(codes(await propose("Mật ong bạc hà Bình Lư"))).toEqual(["CONFLICT"]); // already in the register
    const [honey, rice, tea] = ids;
    for (const id of [honey, rice]) expect((await setStatus(id, "SELECTED")).body.errors).toBeUndefined();
    expect(codes(await setStatus(tea, "DROPPED"))).toEqual(["BAD_USER_INPUT"]); // no reason
    expect(
      (await setStatus(tea, "DROPPED", "Chủ thể không còn sản xuất")).body.data.setPotentialProductStatus,
    ).toEqual({
      id: tea,
      status: "DROPPED",
    });
    const impossible = await setStatus(rice, "CERTIFIED");
    expect(codes(impossible)).toEqual(["INVALID_TRANSITION"]);
    expect(impossible.body.errors![0].message).toBe(
      "A potential product that is “Selected” cannot become “Certified”; it can become: Dossier in preparation, Proposed, Dropped.",
    );

    // Opening the honey's dossier creates its producer and product, once.
    const { round } = await dossierIn(t.db.dataSource, DossierStatus.DRAFT, {
      createdBy: t.staff.binhLu.user,
    });
    const open = (id: string) =>
      t.app.gql(
        `mutation($id: ID!, $round: ID!, $producer: NewProducerInput) {
          openPotentialProductDossier(id: $id, roundId: $round, producer: $producer) { id code kind status product { name producer { name } } } }`,
        { id, round: String(round.id), producer: { name: "HTX Ong mật Bình Lư", kind: "HTX" } },
        t.staff.binhLu.headers,
      );
    const opened = await open(honey);
    expect(opened.body.errors).toBeUndefined();
    expect(opened.body.data.openPotentialProductDossier).toMatchObject({
      kind: "NEW",
      status: "DRAFT",
      product: { name: "Mật ong bạc hà Bình Lư", producer: { name: "HTX Ong mật Bình Lư" } },
    });
    expect(codes(await open(tea))).toEqual(["INVALID_TRANSITION"]); // dropped
    const listed = await register(t.staff.binhLu, { statuses: ["DOSSIER_OPENED"] });
    expect(listed.totalCount).toBe(1);
    expect(listed.edges[0].node).toMatchObject({
      id: honey,
      status: "DOSSIER_OPENED",
      producer: { name: "HTX Ong mật Bình Lư" },
      dossier: { code: opened.body.data.openPotentialProductDossier.code, status: "DRAFT" },
    });

    // The rice's producer already exists under the same name: it is found, not recorded twice; so is its product.
    await makeProducer(t.db.dataSource, { name: "HTX Ong mật Bình Lư", communeCode: "03390" }).catch(
      () => null,
    );
    const producers = () => t.db.dataSource.getRepository(Producer).countBy({ communeCode: "03390" });
    const before = await producers();
    const second = await t.app.gql(
      `mutation($id: ID!, $round: ID!, $producer: NewProducerInput) {
        openPotentialProductDossier(id: $id, roundId: $round, producer: $producer) { product { producer { name } } } }`,
      { id: rice, round: String(round.id), producer: { name: "htx ong mat binh lu", kind: "HTX" } },
      t.staff.binhLu.headers,
    );
    expect(second.body.errors).toBeUndefined();
    expect(await producers()).toBe(before);

    // Its dossier is recognised: the potential product is CERTIFIED, with an audit event for each move.
    const dossierId = Number(opened.body.data.openPotentialProductDossier.id);
    await t.db.dataSource
      .getRepository(Dossier)
      .update(dossierId, { status: DossierStatus.SCORED, resultStars: 4, averageScore: 75 });
    const recognised = await t.app.gql(
      op("RecordRecognition"),
      {
        input: {
          dossierId: String(dossierId),
          decisionNumber: "55/QĐ-UBND",
          decisionDate: "2026-06-10",
          certificateNumber: "55/GCN",
        },
      },
      t.staff.province.headers,
    );
    expect(recognised.body.errors).toBeUndefined();
    const certified = await t.db.dataSource
      .getRepository(PotentialProduct)
      .findOneByOrFail({ id: Number(honey) });
    expect(certified.status).toBe("CERTIFIED");
    const moves = await t.db.dataSource
      .getRepository(AuditEvent)
      .find({ where: { subjectType: "PotentialProduct", subjectId: honey }, order: { id: "ASC" } });
    expect(moves.map((e) => [e.action, e.toStatus])).toEqual([
      ["POTENTIAL_PRODUCT_PROPOSED", "PROPOSED"],
      ["POTENTIAL_PRODUCT_STATUS", "SELECTED"],
      ["POTENTIAL_PRODUCT_STATUS", "DOSSIER_OPENED"],
      ["POTENTIAL_PRODUCT_STATUS", "CERTIFIED"],
    ]);
  });

  it("keeps each commune's register to itself and the province; refuses wrong roles and unknown codes, changing nothing", async () => {
    const mine = (await propose("Rượu ngô Bình Lư")).body.data.proposePotentialProduct.id;
    expect(
      (await register(t.staff.thanUyen)).edges.map((e: { node: { id: string } }) => e.node.id),
    ).not.toContain(mine);
    expect(
      (await register(t.staff.province)).edges.map((e: { node: { id: string } }) => e.node.id),
    ).toContain(mine);
    expect(codes(await setStatus(mine, "SELECTED", undefined, t.staff.thanUyen))).toEqual(["NOT_FOUND"]);
    expect(codes(await setStatus(mine, "SELECTED", undefined, t.staff.province))).toEqual(["FORBIDDEN"]);
    expect(codes(await propose("Khác", t.staff.thanUyen))).toEqual(["FORBIDDEN"]); // another commune's
    expect(codes(await propose("Khác", t.staff.council[0]))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.app.gql(op("PotentialProducts"), {}, t.staff.council[0].headers))).toEqual([
      "FORBIDDEN",
    ]);
    expect(codes(await propose("Khác", t.staff.binhLu, { categoryCode: "I.2" }))).toEqual(["BAD_USER_INPUT"]); // a group, not a set
    expect(codes(await propose("Khác", t.staff.binhLu, { communeCode: "99999" }))).toEqual(["FORBIDDEN"]);
    const elsewhere = await makeProducer(t.db.dataSource, { communeCode: "03595" });
    // Another commune's producer is, to a commune officer, no producer at all.
    expect(codes(await propose("Khác", t.staff.binhLu, { producerId: String(elsewhere.id) }))).toEqual([
      "NOT_FOUND",
    ]);
    expect(codes(await setStatus(mine, "DOSSIER_OPENED"))).toEqual(["INVALID_TRANSITION"]);
    expect(await t.db.dataSource.getRepository(PotentialProduct).countBy({ name: "Khác" })).toBe(0);
    expect(
      (await t.db.dataSource.getRepository(PotentialProduct).findOneByOrFail({ id: Number(mine) })).status,
    ).toBe("PROPOSED");
  });
});

it("a dossier created the usual way for the product of a selected potential product opens it too", async () => {
  const id = (await propose("Miến dong Bình Lư")).body.data.proposePotentialProduct.id;
  await setStatus(id, "SELECTED");
  const { product } = await makeProduct(t.db.dataSource, {
    name: "Miến dong Bình Lư",
    communeCode: "03390",
    decisionDate: null,
  });
  const { round } = await dossierIn(t.db.dataSource, DossierStatus.DRAFT, { createdBy: t.staff.binhLu.user });
  const created = await t.app.gql(
    op("CreateDossier"),
    { input: { productId: String(product.id), roundId: String(round.id), kind: "NEW" } },
    t.staff.binhLu.headers,
  );
  expect(created.body.errors).toBeUndefined();
  const followed = await t.db.dataSource.getRepository(PotentialProduct).findOneByOrFail({ id: Number(id) });
  expect(followed).toMatchObject({
    status: "DOSSIER_OPENED",
    productId: product.id,
    dossierId: Number(created.body.data.createDossier.id),
  });
  // Withdrawn: back in preparation, free for the next dossier.
  await t.app.gql(
    "mutation($id: ID!) { withdrawDossier(id: $id) { status } }",
    { id: created.body.data.createDossier.id },
    t.staff.binhLu.headers,
  );
  expect(
    await t.db.dataSource.getRepository(PotentialProduct).findOneByOrFail({ id: Number(id) }),
  ).toMatchObject({ status: "IN_PREPARATION", dossierId: null });
});

describe("plan targets and statistics", () => {
  it("show the province's targets with the progress of the year, in the query and the workbook, in a fixed number of statements", async () => {
    const target = await t.app.gql(
      op("SetPlanTarget"),
      { input: { year: 2026, communeCode: "03390", newProducts: 3, upgrades: 1, reEvaluations: 2 } },
      t.staff.province.headers,
    );
    expect(target.body.data.setPlanTarget).toEqual({
      year: 2026,
      commune: { code: "03390" },
      newProducts: 3,
      upgrades: 1,
      reEvaluations: 2,
    });
    expect(
      codes(
        await t.app.gql(
          op("SetPlanTarget"),
          { input: { year: 2026, communeCode: "03390", newProducts: 9, upgrades: 9, reEvaluations: 9 } },
          t.staff.binhLu.headers,
        ),
      ),
    ).toEqual(["FORBIDDEN"]);
    await t.db.dataSource.manager.save(
      t.db.dataSource.manager.create(PlanTarget, {
        year: 2026,
        communeCode: "03595",
        newProducts: 5,
        upgrades: 0,
        reEvaluations: 0,
      }),
    );
    const targetsSeenBy = async (as: Staff) =>
      (await t.app.gql("query { planTargets(year: 2026) { commune { code } newProducts } }", {}, as.headers))
        .body.data.planTargets;
    expect(await targetsSeenBy(t.staff.binhLu)).toEqual([{ commune: { code: "03390" }, newProducts: 3 }]);
    expect(await targetsSeenBy(t.staff.province)).toHaveLength(2);

    // The year so far: a new product and a re-evaluation recognised through their dossiers, and an imported
    // certificate without one.
    for (const [kind, decisionNumber] of [
      [DossierKind.NEW, "76/QĐ-UBND"],
      [DossierKind.RE_EVALUATION, "77/QĐ-UBND"],
    ] as const) {
      const { dossier, round } = await dossierIn(t.db.dataSource, DossierStatus.SCORED, {
        createdBy: t.staff.binhLu.user,
        kind,
        resultStars: 4,
      });
      await t.db.dataSource.getRepository(EvaluationRound).update(round.id, { year: 2026 });
      await t.db.dataSource
        .getRepository(Dossier)
        .update(dossier.id, { forwardedAt: new Date("2026-05-01T03:00:00Z") });
      const recognised = await t.app.gql(
        op("RecordRecognition"),
        {
          input: {
            dossierId: String(dossier.id),
            decisionNumber,
            decisionDate: "2026-06-11",
            certificateNumber: `GCN-${decisionNumber}`,
          },
        },
        t.staff.province.headers,
      );
      expect(recognised.body.errors).toBeUndefined();
    }
    await makeProduct(t.db.dataSource, {
      name: "Nhập từ bảng tính",
      communeCode: "03390",
      decisionDate: "2026-02-01",
    });

    const statistics = async (as: Staff = t.staff.province) => {
      const before = t.db.sql.statements;
      const r = await t.app.gql(op("ProgrammeStatistics"), { year: 2026 }, as.headers);
      expect(r.body.errors).toBeUndefined();
      return { s: r.body.data.programmeStatistics, statements: t.db.sql.statements - before };
    };
    await statistics(); // warms the one-minute reference cache (communes, categories)
    const { s, statements } = await statistics();
    const binhLu = s.communes.find((c: { commune: { code: string } }) => c.commune.code === "03390");
    const recognizedInYear = await t.db.dataSource
      .createQueryBuilder()
      .from("certificate", "c")
      .innerJoin("product", "p", "p.id = c.productId")
      .where("p.communeCode = '03390' AND c.decisionDate BETWEEN '2026-01-01' AND '2026-12-31'")
      .getCount();
    expect(binhLu).toMatchObject({
      target: { newProducts: 3, upgrades: 1, reEvaluations: 2 },
      achieved: { newProducts: 1, upgrades: 0, reEvaluations: 1 },
      recognizedInYear,
    });
    // The 2026 rounds: two dossiers, forwarded on 1 May, recognised by a decision of 11 June: 41 days.
    expect(s.dossiers).toEqual({
      forwarded: 2,
      forwardedOnTime: 2,
      forwardedLate: 0,
      returned: 0,
      recognized: 2,
      notAchieved: 0,
      medianDaysToDecision: 41,
    });
    expect(s.communes).toHaveLength(38);
    expect(
      (await statistics(t.staff.binhLu)).s.communes.map((c: { commune: { code: string } }) => c.commune.code),
    ).toEqual(["03390"]);

    // More products in many communes: the same number of statements.
    for (const communeCode of ["03595", "03408", "03388", "03637", "03640"])
      await makeProduct(t.db.dataSource, {
        name: `Sản phẩm ${communeCode}`,
        communeCode,
        decisionDate: "2026-03-01",
      });
    expect((await statistics()).statements).toBe(statements);

    // The same figures as a workbook, one sheet per table, Vietnamese headers.
    const res = await request(t.app.app)
      .get("/reports/programme.xlsx?year=2026")
      .set(t.staff.province.headers)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      "Tong hop",
      "Theo hang sao",
      "Theo bo san pham",
      "Theo xa",
    ]);
    const communes = workbook.getWorksheet("Theo xa")!;
    expect(communes.getRow(1).getCell(1).value).toBe("Mã xã");
    const row = communes.getRows(2, communes.rowCount - 1)!.find((r) => r.getCell(1).value === "03390")!;
    expect([5, 6, 7, 8, 9, 10].map((i) => row.getCell(i).value)).toEqual([3, 1, 2, 1, 0, 1]);
    expect((await request(t.app.app).get("/reports/programme.xlsx?year=2026")).status).toBe(401);
    expect(
      (await request(t.app.app).get("/reports/programme.xlsx?year=20x6").set(t.staff.province.headers))
        .status,
    ).toBe(400);
  });

  it("publicises a summary with the catalog's own counts, cached as the catalog is", async () => {
    const answered = await request(t.app.app)
      .post("/graphql")
      .send({ query: "{ programmeSummary { activeProducts } }" });
    expect(answered.headers["cache-control"]).toMatch(/^max-age=\d+, public$/);
    const summary = (await t.app.gql(op("ProgrammeSummary"))).body.data.programmeSummary;
    const page = (await t.app.gql(op("CatalogPage"), {})).body.data.products.totalCount;
    const facets = (await t.app.gql(op("CatalogFacets"), {})).body.data.productFacets;
    expect(summary.activeProducts).toBe(page);
    expect(summary.byStars).toEqual(facets.stars.filter((s: { count: number }) => s.count > 0));
    expect(summary.communesWithProducts).toBe(
      facets.communes.filter((c: { count: number }) => c.count > 0).length,
    );
    const sectors = facets.categories.filter(
      (c: { category: { code: string } }) => !c.category.code.includes("."),
    );
    expect(
      summary.bySector.map((s: { category: { code: string }; count: number }) => [s.category.code, s.count]),
    ).toEqual(sectors.map((s: { category: { code: string }; count: number }) => [s.category.code, s.count]));
    const recent = await t.db.dataSource
      .getRepository(Product)
      .createQueryBuilder("p")
      .where("p.certificateExpiresOn >= '2026-06-15' AND p.certifiedOn > '2025-06-15'")
      .getCount();
    expect(summary.certifiedLast12Months).toBe(recent);
  });
});
