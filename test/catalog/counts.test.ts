// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { countedFrom, rebuildCounts, verifyCounts, verifyRollups } from "../../src/catalog/counts";
import { CatalogCount } from "../../src/catalog/counts.entity";
import { Product } from "../../src/catalog/product.entity";
import { dataSourceFor } from "../../src/db/data-source";
import { migrate } from "../../src/db/open";
import { DossierKind } from "../../src/dossiers/dossier.entity";
import { createLogger } from "../../src/logger";
import { ensureDatabase, siblingDatabaseUrl, TEST_ON_SQLITE } from "../support/db";
import { makeProduct } from "../support/factory";
import { vietnamDate } from "../../src/core/time";
import { FixedClock } from "../support/http";
import { op } from "../support/operations";
import { importTemplate, recogniseThroughApi, revokeThroughApi, useStaffApp } from "../support/staff";

const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
const t = useStaffApp(clock);
// The catalog's day: Vietnam's (UTC+7), as the API counts it.
const today = () => vietnamDate(clock.instant);

/** The facets and total of a filter through the API, and the same counted from the products. */
async function compare(filter: Record<string, unknown>) {
  const facets = (await t.app.gql(op("CatalogFacets"), { filter })).body.data.productFacets;
  const page = (await t.app.gql(op("CatalogPage"), { filter })).body.data.products;
  const products = await t.db.dataSource
    .getRepository(Product)
    .createQueryBuilder("p")
    .where("p.certificateExpiresOn >= :today", { today: today() })
    .getMany();
  const matching = products.filter(
    (p) =>
      (!filter.communeCodes || (filter.communeCodes as string[]).includes(p.communeCode)) &&
      (!filter.stars || (filter.stars as number[]).includes(p.stars!)) &&
      (!filter.categoryCodes ||
        (filter.categoryCodes as string[]).some(
          (c) => p.categoryCode === c || p.categoryCode.startsWith(`${c}.`),
        )) &&
      (!filter.certifiedInYear || p.certifiedOn!.startsWith(String(filter.certifiedInYear as number))),
  );
  expect({ filter, total: facets.total, totalCount: page.totalCount }).toEqual({
    filter,
    total: matching.length,
    totalCount: matching.length,
  });
  const byStars = (stars: number) =>
    products.filter(
      (p) =>
        p.stars === stars &&
        (!filter.communeCodes || (filter.communeCodes as string[]).includes(p.communeCode)) &&
        (!filter.categoryCodes ||
          (filter.categoryCodes as string[]).some(
            (c) => p.categoryCode === c || p.categoryCode.startsWith(`${c}.`),
          )) &&
        (!filter.certifiedInYear || p.certifiedOn!.startsWith(String(filter.certifiedInYear as number))),
    ).length;
  for (const { stars, count } of facets.stars)
    expect({ stars, count }).toEqual({ stars, count: byStars(stars) });
  const byCommune = (code: string) =>
    products.filter(
      (p) =>
        p.communeCode === code &&
        (!filter.stars || (filter.stars as number[]).includes(p.stars!)) &&
        (!filter.categoryCodes ||
          (filter.categoryCodes as string[]).some(
            (c) => p.categoryCode === c || p.categoryCode.startsWith(`${c}.`),
          )) &&
        (!filter.certifiedInYear || p.certifiedOn!.startsWith(String(filter.certifiedInYear as number))),
    ).length;
  for (const { commune, count } of facets.communes as { commune: { code: string }; count: number }[])
    expect({ filter, commune: commune.code, count }).toEqual({
      filter,
      commune: commune.code,
      count: byCommune(commune.code),
    });
}

const FILTERS = [
  {},
  { communeCodes: ["03390"] },
  { stars: [4] },
  { categoryCodes: ["I"] },
  { categoryCodes: ["I.2.b"], stars: [3, 4] },
  { certifiedInYear: 2025 },
  { communeCodes: ["03390", "03595"], certifiedInYear: 2026 },
  { communeCodes: ["03390"], categoryCodes: ["I"] },
  { categoryCodes: ["I.2", "IV"] },
  { categoryCodes: ["I", "I.2"] },
];

async function expectExact() {
  expect(await verifyCounts(t.db.dataSource.manager, today())).toEqual([]);
  expect(await verifyRollups(t.db.dataSource.manager)).toEqual([]);
  for (const filter of FILTERS) await compare(filter);
}

it("stay exact through recognitions, supersessions, revocations, a change of product set, an import and days passing", async () => {
  const { gql } = t.app;
  // Certified products in two communes, one expiring tomorrow.
  await makeProduct(t.db.dataSource, {
    name: "Mật ong A",
    communeCode: "03390",
    stars: 3,
    decisionDate: "2025-02-01",
  });
  const soon = await makeProduct(t.db.dataSource, {
    name: "Chè B",
    communeCode: "03390",
    categoryCode: "I.5.a",
    stars: 4,
    decisionDate: "2023-06-16",
    expiresOn: "2026-06-16",
  });
  await makeProduct(t.db.dataSource, {
    name: "Gạo C",
    communeCode: "03595",
    categoryCode: "I.2.a",
    stars: 4,
    decisionDate: "2026-01-10",
  });
  await expectExact();

  // A recognition (NEW) and a re-evaluation that supersedes a certificate, through the API.
  for (const kind of [DossierKind.NEW, DossierKind.RE_EVALUATION])
    await recogniseThroughApi(t, kind, "2026-06-01");
  await expectExact();

  // A revocation and a change of product set.
  await revokeThroughApi(t, soon.certificate!.number, "9/QĐ", "2026-06-14");
  const gao = await t.db.dataSource.getRepository(Product).findOneByOrFail({ name: "Gạo C" });
  const moved = await gql(
    "mutation($input: UpdateProductInput!) { updateProduct(input: $input) { id } }",
    { input: { id: String(gao.id), categoryCode: "I.3.b" } },
    t.staff.thanUyen.headers,
  );
  expect(moved.body.errors).toBeUndefined();
  await expectExact();

  // An import of certified products.
  await importTemplate(t, clock.instant, "counts test");
  await expectExact();

  // Days pass: certificates expire without any write by staff; the counts follow, then the sweep moves them.
  const expiringAfter = (await t.db.dataSource.getRepository(Product).find())
    .map((p) => p.certificateExpiresOn)
    .filter((d): d is string => d !== null && d >= today())
    .sort()[0];
  clock.instant = new Date(`${expiringAfter}T20:00:00Z`); // the next morning in Vietnam: it has expired
  // Before the scheduled sweep: the counts subtract the day's expiries themselves; no request sweeps.
  await expectExact();
  expect(await countedFrom(t.db.dataSource.manager)).not.toBe(today());
  // The scheduled sweep (DailySweep) moves them out of the table.
  await t.app.services.catalog.sweptToday(today());
  await expectExact();
  expect(await countedFrom(t.db.dataSource.manager)).toBe(today());
  expect(await t.db.dataSource.getRepository(CatalogCount).count()).toBeGreaterThan(0);
});

it("counts a search's matches only up to the cap, and says so", async () => {
  const app = await (await import("../support/http")).testApp(t.db, clock, { countCap: 2 });
  for (const name of ["Mật hoa Xuyến Chi Alpha", "Mật hoa Xuyến Chi Beta", "Mật hoa Xuyến Chi Gamma"])
    await makeProduct(t.db.dataSource, { name, communeCode: "03390", decisionDate: "2026-01-10" });
  const page = await app.gql(
    "query($f: ProductFilter) { products(filter: $f) { totalCount totalCountIsLowerBound } productFacets(filter: $f) { total totalIsLowerBound } }",
    { f: { search: "xuyến chi" } },
  );
  expect(page.body.data).toEqual({
    products: { totalCount: 2, totalCountIsLowerBound: true },
    productFacets: { total: 2, totalIsLowerBound: true },
  });
  const exact = await app.gql(
    "query($f: ProductFilter) { products(filter: $f) { totalCount totalCountIsLowerBound } }",
    { f: { search: "xuyen chi beta" } },
  );
  expect(exact.body.data.products).toEqual({ totalCount: 1, totalCountIsLowerBound: false });
});

(TEST_ON_SQLITE ? it.skip : it)(
  "npm run counts:verify reports a cell that differs, exits 1, and --fix rebuilds the table",
  async () => {
    const url = siblingDatabaseUrl("counts_cli");
    await ensureDatabase(url, { fresh: true });
    const ds = await dataSourceFor({ kind: "mysql", url });
    await ds.initialize();
    const run = (args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          [join(__dirname, "..", "..", "dist", "src", "cli", "counts-verify.js"), ...args],
          {
            env: { PATH: process.env.PATH ?? "", DATABASE_URL: url, LOG_LEVEL: "warn" },
            stdio: ["ignore", "pipe", "pipe"],
          },
        );
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (out += d));
        child.on("close", (code) => resolve({ code, out }));
      });
    try {
      await migrate(ds, createLogger("silent"));
      await makeProduct(ds, { name: "Mật ong", communeCode: "03390", stars: 4, decisionDate: "2026-01-10" });
      expect(await run([])).toMatchObject({ code: 0 });
      await ds.getRepository(CatalogCount).update({ communeCode: "03390" }, { count: 7 });
      const found = await run([]);
      expect(found.code).toBe(1);
      expect(found.out).toContain(
        "differs: commune 03390, set I.2.b, 4 stars, certified 2026: table 7, products 1",
      );
      expect((await run(["--fix"])).code).toBe(0);
      expect(await run([])).toMatchObject({ code: 0 });
    } finally {
      await ds.destroy();
    }
  },
);

it("never waits for the day's sweep, and counts taken while it commits are exact", async () => {
  // Left as they were for the other test (its staff tokens were issued at this instant; it sweeps itself).
  const [before, tableDay] = [clock.instant, await countedFrom(t.db.dataSource.manager)];
  try {
    clock.instant = new Date("2035-03-01T03:00:00Z"); // after every expiry of the other test
    await makeProduct(t.db.dataSource, {
      name: "Mật ong hết hạn hôm nay",
      communeCode: "03390",
      stars: 4,
      decisionDate: "2026-01-10",
      expiresOn: today(),
    });
    await t.app.services.catalog.sweptToday(today());
    await expectExact();
    // The next morning: the counts race the day's sweep, each either before its commit or after it.
    clock.instant = new Date("2035-03-02T03:00:00Z");
    const sweep = t.app.services.catalog.sweptToday(today());
    await Promise.all(FILTERS.map(compare));
    await sweep;
    await expectExact();
  } finally {
    clock.instant = before;
    await t.db.dataSource.transaction((m) => rebuildCounts(m, tableDay));
    t.app.services.catalog.forgetCounts(); // as counts:verify --fix leaves a server's for up to a minute
  }
});
