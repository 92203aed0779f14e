// Staff accounts (argon2id hashes, token versions), failed logins for the throttle, and the append-only audit log.
import { MigrationInterface, QueryRunner } from "typeorm";

export class StaffAccountsAndAudit1795913022017 implements MigrationInterface {
    name = 'StaffAccountsAndAudit1795913022017'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`audit_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`at\` datetime(3) NOT NULL, \`actorId\` int NULL, \`action\` varchar(64) NOT NULL, \`subjectType\` varchar(32) NOT NULL, \`subjectId\` varchar(64) NOT NULL, \`fromStatus\` varchar(32) NULL, \`toStatus\` varchar(32) NULL, \`note\` text NULL, INDEX \`IDX_69d3ca7e728c95ce584ab3221d\` (\`actorId\`, \`id\`), INDEX \`IDX_f0245d1cca5dc7bc0b9dfacab3\` (\`subjectType\`, \`subjectId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`user\` (\`id\` int NOT NULL AUTO_INCREMENT, \`email\` varchar(254) NOT NULL, \`fullName\` varchar(200) NOT NULL, \`role\` enum ('ADMIN', 'PROVINCE_OFFICER', 'COUNCIL_MEMBER', 'COMMUNE_OFFICER') NOT NULL, \`communeCode\` varchar(5) NULL, \`active\` tinyint NOT NULL DEFAULT 1, \`passwordHash\` varchar(255) NOT NULL, \`tokenVersion\` int NOT NULL DEFAULT '1', \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_e12875dfb3b1d92d7d7c5377e2\` (\`email\`), INDEX \`IDX_39137dba3b1fa5e2128acd8891\` (\`communeCode\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`login_failure\` (\`id\` int NOT NULL AUTO_INCREMENT, \`email\` varchar(254) NOT NULL, \`ip\` varchar(64) NOT NULL, \`at\` datetime NOT NULL, INDEX \`IDX_50d8b907c60e6ca3bd6006fc63\` (\`ip\`, \`at\`), INDEX \`IDX_d70500e3933248a02973225f31\` (\`email\`, \`at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`ALTER TABLE \`user\` ADD CONSTRAINT \`FK_39137dba3b1fa5e2128acd8891c\` FOREIGN KEY (\`communeCode\`) REFERENCES \`commune\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`user\` DROP FOREIGN KEY \`FK_39137dba3b1fa5e2128acd8891c\``);
        await queryRunner.query(`DROP INDEX \`IDX_d70500e3933248a02973225f31\` ON \`login_failure\``);
        await queryRunner.query(`DROP INDEX \`IDX_50d8b907c60e6ca3bd6006fc63\` ON \`login_failure\``);
        await queryRunner.query(`DROP TABLE \`login_failure\``);
        await queryRunner.query(`DROP INDEX \`IDX_39137dba3b1fa5e2128acd8891\` ON \`user\``);
        await queryRunner.query(`DROP INDEX \`IDX_e12875dfb3b1d92d7d7c5377e2\` ON \`user\``);
        await queryRunner.query(`DROP TABLE \`user\``);
        await queryRunner.query(`DROP INDEX \`IDX_f0245d1cca5dc7bc0b9dfacab3\` ON \`audit_event\``);
        await queryRunner.query(`DROP INDEX \`IDX_69d3ca7e728c95ce584ab3221d\` ON \`audit_event\``);
        await queryRunner.query(`DROP TABLE \`audit_event\``);
    }

}
