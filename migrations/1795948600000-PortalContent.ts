// Wave 2, portal content (first part): English names and descriptions of products, and when a certificate
// last changed (existing ones: when they were created).
import { MigrationInterface, QueryRunner } from "typeorm";

export class PortalContent1795948600000 implements MigrationInterface {
    name = 'PortalContent1795948600000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`product\` ADD \`nameEn\` varchar(255) NULL`);
        await queryRunner.query(`ALTER TABLE \`product\` ADD \`descriptionEn\` text NULL`);
        await queryRunner.query(`ALTER TABLE \`certificate\` ADD \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)`);
        await queryRunner.query(`UPDATE \`certificate\` SET \`updatedAt\` = \`createdAt\``);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`certificate\` DROP COLUMN \`updatedAt\``);
        await queryRunner.query(`ALTER TABLE \`product\` DROP COLUMN \`descriptionEn\``);
        await queryRunner.query(`ALTER TABLE \`product\` DROP COLUMN \`nameEn\``);
    }
}
