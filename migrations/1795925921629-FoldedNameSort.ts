// The catalog sorts products by their folded name (nameKey), so that MySQL and the embedded SQLite give
// one order. Existing rows get their key here.
import { MigrationInterface, QueryRunner } from "typeorm";

/** The folding of src/core/text.ts as it was when this migration was written (migrations never change). */
const fold = (text: string) =>
    text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

export class FoldedNameSort1795925921629 implements MigrationInterface {
    name = 'FoldedNameSort1795925921629'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`product\` ADD \`nameKey\` varchar(255) NOT NULL DEFAULT ''`);
        const rows: { id: number; name: string }[] = await queryRunner.query(`SELECT \`id\`, \`name\` FROM \`product\``);
        for (const row of rows) await queryRunner.query(`UPDATE \`product\` SET \`nameKey\` = ? WHERE \`id\` = ?`, [fold(row.name), row.id]);
        await queryRunner.query(`CREATE INDEX \`IDX_0c49b3f1ce531e874b132cb2ac\` ON \`product\` (\`nameKey\`, \`id\`)`);
        await queryRunner.query(`DROP INDEX \`IDX_d709ab9faac6571dee010cb645\` ON \`product\``);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX \`IDX_d709ab9faac6571dee010cb645\` ON \`product\` (\`name\`, \`id\`)`);
        await queryRunner.query(`DROP INDEX \`IDX_0c49b3f1ce531e874b132cb2ac\` ON \`product\``);
        await queryRunner.query(`ALTER TABLE \`product\` DROP COLUMN \`nameKey\``);
    }
}
