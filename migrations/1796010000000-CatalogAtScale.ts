// Wave 3, issue 29, the catalog at ten times the national scale. Columns computed by the database: each
// product's sector and group (the first one and two segments of its category code) and certification year,
// with indexes that read a sector's, a group's or a set's products by name and a year's certifications by
// expiry in order; the expiry beside stars and certification day in their sort indexes; the search words'
// index also holds where each word occurs, so that a search reads that index alone.
// TypeORM keeps the expression of a generated column in typeorm_metadata, under the database's name.
import { MigrationInterface, QueryRunner } from "typeorm";

const currentDatabase = async (queryRunner: QueryRunner): Promise<string> =>
    (await queryRunner.query("SELECT DATABASE() AS db"))[0].db;

export class CatalogAtScale1796010000000 implements MigrationInterface {
    name = 'CatalogAtScale1796010000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        const database = await currentDatabase(queryRunner);
        await queryRunner.query(`ALTER TABLE \`product\` ADD \`sectorCode\` varchar(16) AS (CASE WHEN INSTR(categoryCode, '.') = 0 THEN categoryCode ELSE SUBSTR(categoryCode, 1, INSTR(categoryCode, '.') - 1) END) STORED`);
        await queryRunner.query(`INSERT INTO \`typeorm_metadata\`(\`database\`, \`schema\`, \`table\`, \`type\`, \`name\`, \`value\`) VALUES (DEFAULT, ?, ?, ?, ?, ?)`, [database,"product","GENERATED_COLUMN","sectorCode","CASE WHEN INSTR(categoryCode, '.') = 0 THEN categoryCode ELSE SUBSTR(categoryCode, 1, INSTR(categoryCode, '.') - 1) END"]);
        await queryRunner.query(`ALTER TABLE \`product\` ADD \`groupCode\` varchar(16) AS (CASE WHEN INSTR(categoryCode, '.') = 0 OR INSTR(SUBSTR(categoryCode, INSTR(categoryCode, '.') + 1), '.') = 0 THEN categoryCode ELSE SUBSTR(categoryCode, 1, INSTR(categoryCode, '.') + INSTR(SUBSTR(categoryCode, INSTR(categoryCode, '.') + 1), '.') - 1) END) STORED`);
        await queryRunner.query(`INSERT INTO \`typeorm_metadata\`(\`database\`, \`schema\`, \`table\`, \`type\`, \`name\`, \`value\`) VALUES (DEFAULT, ?, ?, ?, ?, ?)`, [database,"product","GENERATED_COLUMN","groupCode","CASE WHEN INSTR(categoryCode, '.') = 0 OR INSTR(SUBSTR(categoryCode, INSTR(categoryCode, '.') + 1), '.') = 0 THEN categoryCode ELSE SUBSTR(categoryCode, 1, INSTR(categoryCode, '.') + INSTR(SUBSTR(categoryCode, INSTR(categoryCode, '.') + 1), '.') - 1) END"]);
        await queryRunner.query(`ALTER TABLE \`product\` ADD \`certifiedYear\` varchar(4) AS (SUBSTR(certifiedOn, 1, 4)) STORED`);
        await queryRunner.query(`INSERT INTO \`typeorm_metadata\`(\`database\`, \`schema\`, \`table\`, \`type\`, \`name\`, \`value\`) VALUES (DEFAULT, ?, ?, ?, ?, ?)`, [database,"product","GENERATED_COLUMN","certifiedYear","SUBSTR(certifiedOn, 1, 4)"]);
        await queryRunner.query(`CREATE INDEX \`IDX_product_year_expiry\` ON \`product\` (\`certifiedYear\`, \`certificateExpiresOn\`, \`id\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_product_set_name\` ON \`product\` (\`categoryCode\`, \`nameKey\`, \`id\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_product_group_name\` ON \`product\` (\`groupCode\`, \`nameKey\`, \`id\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_product_sector_name\` ON \`product\` (\`sectorCode\`, \`nameKey\`, \`id\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_product_certified_listed\` ON \`product\` (\`certifiedOn\`, \`id\`, \`certificateExpiresOn\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_product_stars_listed\` ON \`product\` (\`stars\`, \`id\`, \`certificateExpiresOn\`)`);
        await queryRunner.query(`DROP INDEX \`IDX_5d8e09387caf93e70d5a5119ad\` ON \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_0b55e7f045046215cb70ba44d4\` ON \`product\``);
        await queryRunner.query(`CREATE INDEX \`IDX_fbc4ab1a708a61d66b62110782\` ON \`product_search_token\` (\`token\`, \`productId\`, \`sources\`)`);
        await queryRunner.query(`DROP INDEX \`IDX_19a04b384d069f6da6855dd466\` ON \`product_search_token\``);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        const database = await currentDatabase(queryRunner);
        await queryRunner.query(`CREATE INDEX \`IDX_19a04b384d069f6da6855dd466\` ON \`product_search_token\` (\`token\`, \`productId\`)`);
        await queryRunner.query(`DROP INDEX \`IDX_fbc4ab1a708a61d66b62110782\` ON \`product_search_token\``);
        await queryRunner.query(`CREATE INDEX \`IDX_0b55e7f045046215cb70ba44d4\` ON \`product\` (\`stars\`, \`id\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_5d8e09387caf93e70d5a5119ad\` ON \`product\` (\`certifiedOn\`, \`id\`)`);
        await queryRunner.query(`DROP INDEX \`IDX_product_stars_listed\` ON \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_product_certified_listed\` ON \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_product_year_expiry\` ON \`product\``);
        await queryRunner.query(`DELETE FROM \`typeorm_metadata\` WHERE \`type\` = ? AND \`name\` = ? AND \`schema\` = ? AND \`table\` = ?`, ["GENERATED_COLUMN","certifiedYear",database,"product"]);
        await queryRunner.query(`ALTER TABLE \`product\` DROP COLUMN \`certifiedYear\``);
        await queryRunner.query(`DROP INDEX \`IDX_product_sector_name\` ON \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_product_group_name\` ON \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_product_set_name\` ON \`product\``);
        await queryRunner.query(`DELETE FROM \`typeorm_metadata\` WHERE \`type\` = ? AND \`name\` = ? AND \`schema\` = ? AND \`table\` = ?`, ["GENERATED_COLUMN","groupCode",database,"product"]);
        await queryRunner.query(`ALTER TABLE \`product\` DROP COLUMN \`groupCode\``);
        await queryRunner.query(`DELETE FROM \`typeorm_metadata\` WHERE \`type\` = ? AND \`name\` = ? AND \`schema\` = ? AND \`table\` = ?`, ["GENERATED_COLUMN","sectorCode",database,"product"]);
        await queryRunner.query(`ALTER TABLE \`product\` DROP COLUMN \`sectorCode\``);
    }

}
