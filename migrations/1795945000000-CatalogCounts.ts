// Wave 2, counts that scale: the catalog's listed products per commune × product set × stars × year of
// certification (catalog_count), their sums over communes (catalog_count_rollup) and per commune
// by stars and year (catalog_count_commune) and by category at every level (catalog_count_commune_category),
// from which totals and facet counts are summed, and the day they count from.
// Built here from the products as of today (UTC's date, never ahead of Vietnam's: the counting adds the
// difference either way).
import { MigrationInterface, QueryRunner } from "typeorm";

export class CatalogCounts1795945000000 implements MigrationInterface {
    name = 'CatalogCounts1795945000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`catalog_count\` (\`communeCode\` varchar(5) NOT NULL, \`categoryCode\` varchar(16) NOT NULL, \`stars\` int NOT NULL, \`certifiedYear\` int NOT NULL, \`count\` int NOT NULL, INDEX \`IDX_6a0eaafe5f513d8b72b839723f\` (\`certifiedYear\`, \`count\`), INDEX \`IDX_0dacb0bcf953023a5fb7d989d2\` (\`categoryCode\`, \`count\`), INDEX \`IDX_8fb2d54ab346c056e10a33b984\` (\`stars\`, \`count\`), PRIMARY KEY (\`communeCode\`, \`categoryCode\`, \`stars\`, \`certifiedYear\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`catalog_count_rollup\` (\`categoryCode\` varchar(16) NOT NULL, \`stars\` int NOT NULL, \`certifiedYear\` int NOT NULL, \`count\` int NOT NULL, PRIMARY KEY (\`categoryCode\`, \`stars\`, \`certifiedYear\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`catalog_count_commune\` (\`communeCode\` varchar(5) NOT NULL, \`stars\` int NOT NULL, \`certifiedYear\` int NOT NULL, \`count\` int NOT NULL, PRIMARY KEY (\`communeCode\`, \`stars\`, \`certifiedYear\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`catalog_count_commune_category\` (\`communeCode\` varchar(5) NOT NULL, \`categoryCode\` varchar(16) NOT NULL, \`count\` int NOT NULL, INDEX \`IDX_ece3509838f8e2cea0fe92d401\` (\`categoryCode\`, \`communeCode\`, \`count\`), PRIMARY KEY (\`communeCode\`, \`categoryCode\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`catalog_generation\` ADD \`countedFrom\` date NULL`);
        await queryRunner.query(`INSERT INTO \`catalog_generation\` (\`id\`, \`generation\`) SELECT 1, 1 FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM \`catalog_generation\` WHERE \`id\` = 1)`);
        await queryRunner.query(`UPDATE \`catalog_generation\` SET \`countedFrom\` = DATE(UTC_TIMESTAMP()) WHERE \`id\` = 1`);
        await queryRunner.query(
            `INSERT INTO \`catalog_count\` (\`communeCode\`, \`categoryCode\`, \`stars\`, \`certifiedYear\`, \`count\`)
             SELECT \`communeCode\`, \`categoryCode\`, \`stars\`, SUBSTR(\`certifiedOn\`, 1, 4), COUNT(*) FROM \`product\`
             WHERE \`certificateExpiresOn\` >= DATE(UTC_TIMESTAMP())
             GROUP BY \`communeCode\`, \`categoryCode\`, \`stars\`, SUBSTR(\`certifiedOn\`, 1, 4)`,
        );
        await queryRunner.query(
            `INSERT INTO \`catalog_count_rollup\` (\`categoryCode\`, \`stars\`, \`certifiedYear\`, \`count\`)
             SELECT \`categoryCode\`, \`stars\`, \`certifiedYear\`, SUM(\`count\`) FROM \`catalog_count\` GROUP BY \`categoryCode\`, \`stars\`, \`certifiedYear\``,
        );
        await queryRunner.query(
            `INSERT INTO \`catalog_count_commune\` (\`communeCode\`, \`stars\`, \`certifiedYear\`, \`count\`)
             SELECT \`communeCode\`, \`stars\`, \`certifiedYear\`, SUM(\`count\`) FROM \`catalog_count\`
             GROUP BY \`communeCode\`, \`stars\`, \`certifiedYear\``,
        );
        // Every level of the category tree: codes extend their parent's (I → I.2 → I.2.b).
        await queryRunner.query(
            `INSERT INTO \`catalog_count_commune_category\` (\`communeCode\`, \`categoryCode\`, \`count\`)
             SELECT \`communeCode\`, \`code\`, SUM(\`count\`) FROM (
               SELECT \`communeCode\`, SUBSTRING_INDEX(\`categoryCode\`, '.', 1) AS \`code\`, \`count\` FROM \`catalog_count\`
               UNION ALL SELECT \`communeCode\`, SUBSTRING_INDEX(\`categoryCode\`, '.', 2), \`count\` FROM \`catalog_count\` WHERE \`categoryCode\` LIKE '%.%'
               UNION ALL SELECT \`communeCode\`, \`categoryCode\`, \`count\` FROM \`catalog_count\` WHERE \`categoryCode\` LIKE '%.%.%'
             ) levels GROUP BY \`communeCode\`, \`code\``,
        );
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_ece3509838f8e2cea0fe92d401\` ON \`catalog_count_commune_category\``);
        await queryRunner.query(`DROP TABLE \`catalog_count_commune_category\``);
        await queryRunner.query(`ALTER TABLE \`catalog_generation\` DROP COLUMN \`countedFrom\``);
        await queryRunner.query(`DROP TABLE \`catalog_count_commune\``);
        await queryRunner.query(`DROP TABLE \`catalog_count_rollup\``);
        await queryRunner.query(`DROP INDEX \`IDX_8fb2d54ab346c056e10a33b984\` ON \`catalog_count\``);
        await queryRunner.query(`DROP INDEX \`IDX_0dacb0bcf953023a5fb7d989d2\` ON \`catalog_count\``);
        await queryRunner.query(`DROP INDEX \`IDX_6a0eaafe5f513d8b72b839723f\` ON \`catalog_count\``);
        await queryRunner.query(`DROP TABLE \`catalog_count\``);
    }
}
