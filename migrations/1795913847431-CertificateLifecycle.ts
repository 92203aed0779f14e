// After recognition: expiry notices, inspections with their violations, and revocation recommendations.
import { MigrationInterface, QueryRunner } from "typeorm";

export class CertificateLifecycle1795913847431 implements MigrationInterface {
    name = 'CertificateLifecycle1795913847431'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`expiry_notice\` (\`id\` int NOT NULL AUTO_INCREMENT, \`certificateId\` int NOT NULL, \`sentOn\` date NOT NULL, \`channel\` enum ('LETTER', 'PHONE', 'EMAIL', 'SMS', 'IN_PERSON') NOT NULL, \`note\` text NULL, \`late\` tinyint NOT NULL, \`recordedById\` int NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_d310a250c03e09d8d580612f2e\` (\`certificateId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`inspection\` (\`id\` int NOT NULL AUTO_INCREMENT, \`productId\` int NOT NULL, \`communeCode\` varchar(5) NOT NULL, \`inspectedOn\` date NOT NULL, \`inspectorId\` int NOT NULL, \`logoUseCompliant\` tinyint NOT NULL, \`findings\` text NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_89c52c0fc4b723d4839749fd4f\` (\`productId\`, \`inspectedOn\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`violation\` (\`id\` int NOT NULL AUTO_INCREMENT, \`inspectionId\` int NOT NULL, \`kind\` enum ('LOGO_MISUSE', 'LABEL_NONCOMPLIANT', 'QUALITY_FAILURE', 'CONDITIONS_NOT_MAINTAINED', 'OTHER') NOT NULL, \`description\` text NOT NULL, INDEX \`IDX_c131429e67ef45c95cf6767106\` (\`inspectionId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`revocation_recommendation\` (\`id\` int NOT NULL AUTO_INCREMENT, \`certificateId\` int NOT NULL, \`communeCode\` varchar(5) NOT NULL, \`reason\` text NOT NULL, \`violationIds\` text NOT NULL, \`status\` enum ('PENDING', 'ACCEPTED', 'REJECTED') NOT NULL, \`recommendedById\` int NOT NULL, \`decidedById\` int NULL, \`decisionNote\` text NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_317a9c6ee871e3b4a60d5492df\` (\`certificateId\`), INDEX \`IDX_f7f8a6d770c48830001fbbeba6\` (\`status\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`ALTER TABLE \`expiry_notice\` ADD CONSTRAINT \`FK_d310a250c03e09d8d580612f2e1\` FOREIGN KEY (\`certificateId\`) REFERENCES \`certificate\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`inspection\` ADD CONSTRAINT \`FK_8acd2f166ad154b89c0f4a5fc93\` FOREIGN KEY (\`productId\`) REFERENCES \`product\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`inspection\` ADD CONSTRAINT \`FK_518d3f66e307ced56ef6fc143d6\` FOREIGN KEY (\`inspectorId\`) REFERENCES \`user\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`violation\` ADD CONSTRAINT \`FK_c131429e67ef45c95cf67671060\` FOREIGN KEY (\`inspectionId\`) REFERENCES \`inspection\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`revocation_recommendation\` ADD CONSTRAINT \`FK_317a9c6ee871e3b4a60d5492df2\` FOREIGN KEY (\`certificateId\`) REFERENCES \`certificate\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`revocation_recommendation\` DROP FOREIGN KEY \`FK_317a9c6ee871e3b4a60d5492df2\``);
        await queryRunner.query(`ALTER TABLE \`violation\` DROP FOREIGN KEY \`FK_c131429e67ef45c95cf67671060\``);
        await queryRunner.query(`ALTER TABLE \`inspection\` DROP FOREIGN KEY \`FK_518d3f66e307ced56ef6fc143d6\``);
        await queryRunner.query(`ALTER TABLE \`inspection\` DROP FOREIGN KEY \`FK_8acd2f166ad154b89c0f4a5fc93\``);
        await queryRunner.query(`ALTER TABLE \`expiry_notice\` DROP FOREIGN KEY \`FK_d310a250c03e09d8d580612f2e1\``);
        await queryRunner.query(`DROP INDEX \`IDX_f7f8a6d770c48830001fbbeba6\` ON \`revocation_recommendation\``);
        await queryRunner.query(`DROP INDEX \`IDX_317a9c6ee871e3b4a60d5492df\` ON \`revocation_recommendation\``);
        await queryRunner.query(`DROP TABLE \`revocation_recommendation\``);
        await queryRunner.query(`DROP INDEX \`IDX_c131429e67ef45c95cf6767106\` ON \`violation\``);
        await queryRunner.query(`DROP TABLE \`violation\``);
        await queryRunner.query(`DROP INDEX \`IDX_89c52c0fc4b723d4839749fd4f\` ON \`inspection\``);
        await queryRunner.query(`DROP TABLE \`inspection\``);
        await queryRunner.query(`DROP INDEX \`IDX_d310a250c03e09d8d580612f2e\` ON \`expiry_notice\``);
        await queryRunner.query(`DROP TABLE \`expiry_notice\``);
    }

}
