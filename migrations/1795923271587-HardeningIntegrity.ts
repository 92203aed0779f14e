// Go-live hardening: one open dossier per product and round, unique round names and daily inspections
// (enforced by the database), the demo-password flag, the catalog generation, uploads per user and day,
// and the login throttle's counters (rate-limiter-flexible's table) in place of the failure log.
import { MigrationInterface, QueryRunner } from "typeorm";

export class HardeningIntegrity1795923271587 implements MigrationInterface {
    name = 'HardeningIntegrity1795923271587'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`dossier\` ADD \`openKey\` tinyint NULL`);
        await queryRunner.query(`UPDATE \`dossier\` SET \`openKey\` = CASE WHEN \`status\` IN ('RECOGNIZED', 'NOT_ACHIEVED', 'WITHDRAWN') THEN NULL ELSE 1 END`);
        await queryRunner.query(`CREATE UNIQUE INDEX \`UQ_dossier_open_per_product_round\` ON \`dossier\` (\`productId\`, \`roundId\`, \`openKey\`)`);
        await queryRunner.query(`CREATE UNIQUE INDEX \`UQ_round_year_name\` ON \`evaluation_round\` (\`year\`, \`name\`)`);
        // The foreign key on productId needs an index while the old one is replaced by a unique one.
        await queryRunner.query(`CREATE INDEX \`IDX_inspection_product_tmp\` ON \`inspection\` (\`productId\`)`);
        await queryRunner.query(`DROP INDEX \`IDX_89c52c0fc4b723d4839749fd4f\` ON \`inspection\``);
        await queryRunner.query(`CREATE UNIQUE INDEX \`IDX_89c52c0fc4b723d4839749fd4f\` ON \`inspection\` (\`productId\`, \`inspectedOn\`)`);
        await queryRunner.query(`DROP INDEX \`IDX_inspection_product_tmp\` ON \`inspection\``);
        await queryRunner.query(`ALTER TABLE \`user\` ADD \`demoPassword\` tinyint NOT NULL DEFAULT 0`);
        await queryRunner.query(`CREATE TABLE \`catalog_generation\` (\`id\` int NOT NULL, \`generation\` bigint NOT NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`INSERT INTO \`catalog_generation\` (\`id\`, \`generation\`) VALUES (1, 1)`);
        await queryRunner.query(`DROP TABLE \`login_failure\``);
        // A user's uploads of a day (the daily quota) replace the index on the uploader alone.
        await queryRunner.query(`CREATE INDEX \`IDX_78c499daf690026a23749db3b2\` ON \`stored_file\` (\`uploadedById\`, \`createdAt\`)`);
        await queryRunner.query(`DROP INDEX \`IDX_65d1684f4813771db451446f0b\` ON \`stored_file\``);
        // Not an entity: rate-limiter-flexible's own layout (key, points, expire in ms since the epoch).
        await queryRunner.query(`CREATE TABLE \`login_throttle\` (\`key\` varchar(255) CHARACTER SET ascii NOT NULL, \`points\` int NOT NULL DEFAULT 0, \`expire\` bigint UNSIGNED NULL, PRIMARY KEY (\`key\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE \`login_throttle\``);
        await queryRunner.query(`CREATE INDEX \`IDX_65d1684f4813771db451446f0b\` ON \`stored_file\` (\`uploadedById\`)`);
        await queryRunner.query(`DROP INDEX \`IDX_78c499daf690026a23749db3b2\` ON \`stored_file\``);
        await queryRunner.query(`CREATE TABLE \`login_failure\` (\`id\` int NOT NULL AUTO_INCREMENT, \`email\` varchar(254) NOT NULL, \`ip\` varchar(64) NOT NULL, \`at\` datetime NOT NULL, INDEX \`IDX_login_failure_email_at\` (\`email\`, \`at\`), INDEX \`IDX_login_failure_ip_at\` (\`ip\`, \`at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`DROP TABLE \`catalog_generation\``);
        await queryRunner.query(`ALTER TABLE \`user\` DROP COLUMN \`demoPassword\``);
        await queryRunner.query(`CREATE INDEX \`IDX_inspection_product_tmp\` ON \`inspection\` (\`productId\`)`);
        await queryRunner.query(`DROP INDEX \`IDX_89c52c0fc4b723d4839749fd4f\` ON \`inspection\``);
        await queryRunner.query(`CREATE INDEX \`IDX_89c52c0fc4b723d4839749fd4f\` ON \`inspection\` (\`productId\`, \`inspectedOn\`)`);
        await queryRunner.query(`DROP INDEX \`IDX_inspection_product_tmp\` ON \`inspection\``);
        await queryRunner.query(`DROP INDEX \`UQ_round_year_name\` ON \`evaluation_round\``);
        await queryRunner.query(`DROP INDEX \`UQ_dossier_open_per_product_round\` ON \`dossier\``);
        await queryRunner.query(`ALTER TABLE \`dossier\` DROP COLUMN \`openKey\``);
    }
}
