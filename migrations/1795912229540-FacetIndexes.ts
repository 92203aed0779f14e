// Facet counts group listed products by stars, commune and category: index them with the expiry date so the
// counts are index-only. The new indexes come first: the foreign keys need one on communeCode/categoryCode.
import { MigrationInterface, QueryRunner } from "typeorm";

export class FacetIndexes1795912229540 implements MigrationInterface {
    name = 'FacetIndexes1795912229540'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX \`IDX_91af99246cb8cb73514f2d7791\` ON \`product\` (\`stars\`, \`certificateExpiresOn\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_7abbbbc65f2dd1b0f7762a478e\` ON \`product\` (\`categoryCode\`, \`certificateExpiresOn\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_7475d04f62648b2c25115c5497\` ON \`product\` (\`communeCode\`, \`certificateExpiresOn\`)`);
        await queryRunner.query(`DROP INDEX \`IDX_eba03ffe5b581c64f33b50e273\` ON \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_f055a31973760f36735f54ba0d\` ON \`product\``);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_7475d04f62648b2c25115c5497\` ON \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_7abbbbc65f2dd1b0f7762a478e\` ON \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_91af99246cb8cb73514f2d7791\` ON \`product\``);
        await queryRunner.query(`CREATE INDEX \`IDX_f055a31973760f36735f54ba0d\` ON \`product\` (\`communeCode\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_eba03ffe5b581c64f33b50e273\` ON \`product\` (\`categoryCode\`)`);
    }

}
