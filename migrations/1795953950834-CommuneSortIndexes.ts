// Wave 2, catalog speed: a commune's products, and its products of a star rating, read by name from an
// index (the catalog's filtered sorts; see test/catalog/indexes.test.ts).
import { MigrationInterface, QueryRunner } from "typeorm";

export class CommuneSortIndexes1795953950834 implements MigrationInterface {
    name = 'CommuneSortIndexes1795953950834'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX \`IDX_ce80a5fb61176c06efd2e45beb\` ON \`product\` (\`communeCode\`, \`stars\`, \`nameKey\`, \`id\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_f216a93b5f6b9ddc605d8843ea\` ON \`product\` (\`communeCode\`, \`nameKey\`, \`id\`)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_f216a93b5f6b9ddc605d8843ea\` ON \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_ce80a5fb61176c06efd2e45beb\` ON \`product\``);
    }

}
