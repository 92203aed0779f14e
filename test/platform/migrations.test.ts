import { Category } from "../../src/catalog/category.entity";
import { dataSourceFor } from "../../src/db/data-source";
import { loadReferenceData } from "../../src/db/reference/load-reference";
import { Commune } from "../../src/geography/commune.entity";
import { ensureDatabase, siblingDatabaseUrl } from "../support/db";

const url = siblingDatabaseUrl("migrations");

it("runs every migration on an empty database, leaves no drift from the entities, and loads reference data idempotently", async () => {
  await ensureDatabase(url, { fresh: true });
  const ds = await dataSourceFor({ kind: "mysql", url });
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: "each" });
    expect(applied.length).toBeGreaterThan(0);
    // The equivalent of `typeorm migration:generate --check`: what would sync the schema to the entities.
    const drift = await ds.driver.createSchemaBuilder().log();
    expect(drift.upQueries.map((q) => q.query)).toEqual([]);
    // Addresses compare byte for byte: the login's lookup agrees with its throttle key.
    const [email] = await ds.query<{ c: string }[]>(
      "SELECT COLLATION_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'user' AND COLUMN_NAME = 'email'",
    );
    expect(email.c).toBe("utf8mb4_bin");

    const first = await loadReferenceData(ds);
    expect(first["lai-chau-units.csv"]).toEqual({ inserted: 38, updated: 0, unchanged: 0 });
    expect(first["categories.csv"]).toEqual({ inserted: 39, updated: 0, unchanged: 0 });
    const snapshot = async () => [
      await ds.getRepository(Commune).find({ order: { code: "ASC" } }),
      await ds.getRepository(Category).find({ order: { code: "ASC" } }),
    ];
    const before = await snapshot();
    const second = await loadReferenceData(ds);
    expect(second["lai-chau-units.csv"]).toEqual({ inserted: 0, updated: 0, unchanged: 38 });
    expect(second["categories.csv"]).toEqual({ inserted: 0, updated: 0, unchanged: 39 });
    expect(await snapshot()).toEqual(before);

    // A renamed unit is updated in place, not duplicated.
    await ds.getRepository(Commune).update("03390", { name: "Tên cũ" });
    const third = await loadReferenceData(ds);
    expect(third["lai-chau-units.csv"]).toEqual({ inserted: 0, updated: 1, unchanged: 37 });
    expect(await ds.getRepository(Commune).count()).toBe(38);
    expect((await ds.getRepository(Commune).findOneByOrFail({ code: "03390" })).name).toBe("Bình Lư");
    expect(await ds.getRepository(Category).count()).toBe(39);
  } finally {
    await ds.destroy();
  }
});
