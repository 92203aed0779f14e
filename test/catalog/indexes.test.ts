import { clearTestData, openTestDb, TEST_ON_SQLITE, type TestDb } from "../support/db";
import { makeProducer } from "../support/factory";

/**
 * The catalog's filtered sorts are read in order from an index (no sort of the matching rows, which would
 * grow with a commune's or a star rating's products): checked with EXPLAIN on MariaDB/MySQL over a few
 * thousand products, with the statements the catalog issues.
 */
let db: TestDb;
const COMMUNES = ["03390", "03595", "03442", "03439"];

(TEST_ON_SQLITE ? describe.skip : describe)("indexes of the catalog's filtered sorts", () => {
  beforeAll(async () => {
    db = await openTestDb();
    await clearTestData(db.dataSource);
    const producers = await Promise.all(
      COMMUNES.map((communeCode) => makeProducer(db.dataSource, { communeCode })),
    );
    const rows = Array.from({ length: 4000 }, (_, i) => {
      const name = `Sản phẩm ${String(i).padStart(5, "0")}`;
      return `('${name}', 'san pham ${String(i).padStart(5, "0")}', 'san-pham-${i}', 'I.2.b', ${producers[i % 4].id}, '${COMMUNES[i % 4]}', ${[5, 5, 5, 4, 4, 4, 3, 3, 3, 3][i % 10]}, '2025-01-01', '2028-01-01')`;
    });
    await db.dataSource.query(
      `INSERT INTO product (name, nameKey, slug, categoryCode, producerId, communeCode, stars, certifiedOn, certificateExpiresOn) VALUES ${rows.join(", ")}`,
    );
    await db.dataSource.query("ANALYZE TABLE product");
  });
  afterAll(async () => {
    await clearTestData(db.dataSource);
    await db.dataSource.destroy();
  });

  /** The plan of the catalog's page query for this filter: the index used, and whether rows are sorted. */
  async function plan(where: string, params: unknown[]) {
    const [row] = await db.dataSource.query(
      `EXPLAIN SELECT p.id FROM product p WHERE p.certificateExpiresOn >= ? ${where} ORDER BY p.nameKey ASC, p.id ASC LIMIT 21`,
      ["2026-06-15", ...params],
    );
    const indexes: { Key_name: string; Column_name: string; Seq_in_index: number }[] =
      await db.dataSource.query("SHOW INDEX FROM product");
    const columns = indexes
      .filter((i) => i.Key_name === row.key)
      .sort((a, b) => a.Seq_in_index - b.Seq_in_index)
      .map((i) => i.Column_name);
    return { columns, sorts: /filesort/i.test(String(row.Extra ?? "")) };
  }

  it.each([
    ["one commune, by name", "AND p.communeCode IN (?)", ["03390"]],
    ["one commune's 4★, by name", "AND p.communeCode IN (?) AND p.stars IN (?)", ["03390", 4]],
    ["one commune's 5★, by name", "AND p.communeCode IN (?) AND p.stars IN (?)", ["03390", 5]],
  ])("%s: an index of the commune, in order", async (_title, where, params) => {
    const { columns, sorts } = await plan(where, params);
    expect({ first: columns[0], sorts }).toEqual({ first: "communeCode", sorts: false });
  });

  it("everything, by name: the name index, in order", async () => {
    expect(await plan("", [])).toEqual({ columns: ["nameKey", "id"], sorts: false });
  });
});
