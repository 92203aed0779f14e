// Wave 3, issue 27: where each search word occurs (the product's name in Vietnamese or English, its producer's or
// commune's name, other English text), so that results can be ranked by relevance. Rows written before have 0:
// loading the reference data (at start and migrate) rewrites every product's search words once.
import { MigrationInterface, QueryRunner } from "typeorm";

export class SearchRelevance1796000000000 implements MigrationInterface {
    name = 'SearchRelevance1796000000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`product_search_token\` ADD \`sources\` tinyint UNSIGNED NOT NULL DEFAULT '0'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`product_search_token\` DROP COLUMN \`sources\``);
    }

}
