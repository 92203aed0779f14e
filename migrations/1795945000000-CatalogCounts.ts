// Wave 2, counts that scale: the catalog's listed products per commune × product set × stars × year of
// certification (catalog_count), from which totals and facet counts are summed, and the day they count
// from. Built here from the products as of today (UTC's date, never ahead of Vietnam's: the counting adds
// the difference either way).
import { MigrationInterface, QueryRunner } from "typeorm";

export class CatalogCounts1795945000000 implements MigrationInterface {
    name = 'CatalogCounts1795945000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`catalog_count\` (\`communeCode\` varchar(5) NOT NULL, \`categoryCode\` varchar(16) NOT NULL, \`stars\` int NOT NULL, \`certifiedYear\` int NOT NULL, \`count\` int NOT NULL, INDEX \`IDX_681701a43ec239e3f426742b13\` (\`certifiedYear\`), INDEX \`IDX_3d5c212eecf95625b27267c6d1\` (\`categoryCode\`), INDEX \`IDX_00380ba9df05072cc91b5e349e\` (\`stars\`), PRIMARY KEY (\`communeCode\`, \`categoryCode\`, \`stars\`, \`certifiedYear\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`catalog_generation\` ADD \`countedFrom\` date NULL`);
        await queryRunner.query(`INSERT INTO \`catalog_generation\` (\`id\`, \`generation\`) SELECT 1, 1 FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM \`catalog_generation\` WHERE \`id\` = 1)`);
        await queryRunner.query(`UPDATE \`catalog_generation\` SET \`countedFrom\` = DATE(UTC_TIMESTAMP()) WHERE \`id\` = 1`);
        await queryRunner.query(
            `INSERT INTO \`catalog_count\` (\`communeCode\`, \`categoryCode\`, \`stars\`, \`certifiedYear\`, \`count\`)
             SELECT \`communeCode\`, \`categoryCode\`, \`stars\`, SUBSTR(\`certifiedOn\`, 1, 4), COUNT(*) FROM \`product\`
             WHERE \`certificateExpiresOn\` >= DATE(UTC_TIMESTAMP())
             GROUP BY \`communeCode\`, \`categoryCode\`, \`stars\`, SUBSTR(\`certifiedOn\`, 1, 4)`,
        );
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`catalog_generation\` DROP COLUMN \`countedFrom\``);
        await queryRunner.query(`DROP INDEX \`IDX_00380ba9df05072cc91b5e349e\` ON \`catalog_count\``);
        await queryRunner.query(`DROP INDEX \`IDX_3d5c212eecf95625b27267c6d1\` ON \`catalog_count\``);
        await queryRunner.query(`DROP INDEX \`IDX_681701a43ec239e3f426742b13\` ON \`catalog_count\``);
        await queryRunner.query(`DROP TABLE \`catalog_count\``);
    }
}
