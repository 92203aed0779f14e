// Wave 2, real data in: who issued each certificate, numbering from a configured pattern, archived products,
// producers sorted and searched by their folded name, and products found by their commune's former names.
import { MigrationInterface, QueryRunner } from "typeorm";

/** The folding of src/core/text.ts as it was when this migration was written (migrations never change). */
const fold = (text: string) =>
    text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
/** Words of a former unit name without its notes and kind word ("Thị trấn Tam Đường (cũ)" → tam, duong). */
const formerWords = (name: string) =>
    fold(name.replace(/\([^)]*\)/g, " ")).replace(/^(thi tran|dac khu|phuong|xa) /, "").split(" ").filter(Boolean);

export class ImportAndStaffLists1795933123126 implements MigrationInterface {
    name = 'ImportAndStaffLists1795933123126'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`certificate_sequence\` (\`year\` int NOT NULL, \`last\` int NOT NULL, PRIMARY KEY (\`year\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`producer\` ADD \`nameKey\` varchar(255) NOT NULL DEFAULT ''`);
        const producers: { id: number; name: string }[] = await queryRunner.query(`SELECT \`id\`, \`name\` FROM \`producer\``);
        for (const row of producers) await queryRunner.query(`UPDATE \`producer\` SET \`nameKey\` = ? WHERE \`id\` = ?`, [fold(row.name), row.id]);
        await queryRunner.query(`ALTER TABLE \`product\` ADD \`archivedAt\` datetime NULL`);
        await queryRunner.query(`ALTER TABLE \`certificate\` ADD \`issuedBy\` enum ('PROVINCE', 'DISTRICT', 'CENTRAL') NOT NULL DEFAULT 'PROVINCE'`);
        await queryRunner.query(`UPDATE \`certificate\` SET \`issuedBy\` = 'CENTRAL' WHERE \`stars\` = 5`);
        await queryRunner.query(`ALTER TABLE \`stored_file\` MODIFY \`contentType\` varchar(100) NOT NULL`);
        await queryRunner.query(`CREATE INDEX \`IDX_e3d460029c91771eb83b20daec\` ON \`producer\` (\`registrationNumber\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_e10fa539e7b6cc0965fbd4b8b9\` ON \`producer\` (\`nameKey\`, \`id\`)`);
        // Search words of the commune's former names for the products already there (marked ~: matched whole).
        const products: { id: number; mergedFrom: string }[] = await queryRunner.query(
            `SELECT p.\`id\`, c.\`mergedFrom\` FROM \`product\` p JOIN \`commune\` c ON c.\`code\` = p.\`communeCode\``,
        );
        for (const p of products) {
            const tokens = new Set((JSON.parse(p.mergedFrom) as string[]).flatMap(formerWords).map((w) => `~${w}`.slice(0, 40)));
            for (const token of tokens)
                await queryRunner.query(`INSERT IGNORE INTO \`product_search_token\` (\`productId\`, \`token\`) VALUES (?, ?)`, [p.id, token]);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_e10fa539e7b6cc0965fbd4b8b9\` ON \`producer\``);
        await queryRunner.query(`DROP INDEX \`IDX_e3d460029c91771eb83b20daec\` ON \`producer\``);
        await queryRunner.query(`ALTER TABLE \`certificate\` DROP COLUMN \`issuedBy\``);
        await queryRunner.query(`ALTER TABLE \`product\` DROP COLUMN \`archivedAt\``);
        await queryRunner.query(`ALTER TABLE \`producer\` DROP COLUMN \`nameKey\``);
        await queryRunner.query(`ALTER TABLE \`stored_file\` MODIFY \`contentType\` varchar(50) NOT NULL`);
        await queryRunner.query(`DROP TABLE \`certificate_sequence\``);
    }
}
