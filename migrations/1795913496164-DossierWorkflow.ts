// Versioned rule sets, evaluation rounds, dossiers with their documents and score sheets, and stored files.
import { MigrationInterface, QueryRunner } from "typeorm";

export class DossierWorkflow1795913496164 implements MigrationInterface {
    name = 'DossierWorkflow1795913496164'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`rule_set\` (\`version\` varchar(100) NOT NULL, \`effectiveFrom\` date NOT NULL, \`certificateValidityMonths\` int NOT NULL, \`expiryNoticeDays\` int NOT NULL, \`minCouncilSize\` int NOT NULL, \`centralProposalMinPoints\` int NOT NULL, \`starBands\` text NOT NULL, UNIQUE INDEX \`IDX_ce69f59ed48fea3cbd39a70f89\` (\`effectiveFrom\`), PRIMARY KEY (\`version\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`stored_file\` (\`id\` int NOT NULL AUTO_INCREMENT, \`sha256\` varchar(64) NOT NULL, \`size\` int NOT NULL, \`contentType\` varchar(50) NOT NULL, \`originalName\` varchar(255) NOT NULL, \`uploadedById\` int NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_3a4237a94329738b4b7a12d8de\` (\`sha256\`), INDEX \`IDX_65d1684f4813771db451446f0b\` (\`uploadedById\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`evaluation_round\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(200) NOT NULL, \`year\` int NOT NULL, \`submissionDeadline\` date NOT NULL, \`minCouncilSize\` int NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`dossier\` (\`id\` int NOT NULL AUTO_INCREMENT, \`code\` varchar(32) NOT NULL, \`productId\` int NOT NULL, \`roundId\` int NOT NULL, \`communeCode\` varchar(5) NOT NULL, \`kind\` enum ('NEW', 'RE_EVALUATION', 'UPGRADE') NOT NULL, \`status\` enum ('DRAFT', 'SUBMITTED', 'RETURNED', 'COMMUNE_REVIEWED', 'FORWARDED', 'UNDER_REVIEW', 'SCORED', 'PROPOSED_TO_CENTRAL', 'RECOGNIZED', 'NOT_ACHIEVED', 'WITHDRAWN') NOT NULL, \`version\` int NOT NULL DEFAULT '1', \`forwardedAt\` datetime NULL, \`communeReport\` text NULL, \`returnReason\` text NULL, \`averageScore\` decimal(5,2) NULL, \`resultStars\` int NULL, \`ruleSetVersion\` varchar(100) NULL, \`certificateId\` int NULL, \`createdById\` int NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_e4a0b898ce0e97174aa9056f9c\` (\`code\`), INDEX \`IDX_e86c7d58b52209ced0112a45ba\` (\`productId\`), INDEX \`IDX_69446b6ae4d4e5bf25ff537afd\` (\`status\`, \`id\`), INDEX \`IDX_a3aa6cdf26a684f74336eeacb3\` (\`communeCode\`, \`id\`), INDEX \`IDX_19c8f74f7f2515561212abed4e\` (\`roundId\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`dossier_document\` (\`id\` int NOT NULL AUTO_INCREMENT, \`dossierId\` int NOT NULL, \`kind\` enum ('REGISTRATION_FORM', 'BUSINESS_PLAN', 'ORGANISATION_PROFILE', 'BUSINESS_REGISTRATION', 'FOOD_SAFETY_CERTIFICATE', 'QUALITY_DECLARATION', 'TEST_REPORT', 'TRADEMARK', 'TRACEABILITY', 'CONTRACT', 'ENVIRONMENTAL_RECORD', 'VIETGAP_OR_ORGANIC', 'PRODUCT_STORY', 'OTHER') NOT NULL, \`title\` varchar(255) NOT NULL, \`fileId\` int NOT NULL, \`validUntil\` date NULL, \`attachedById\` int NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_ee400c9d83bb62fde4fdc7b538\` (\`dossierId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`score_sheet\` (\`id\` int NOT NULL AUTO_INCREMENT, \`dossierId\` int NOT NULL, \`memberId\` int NOT NULL, \`partA\` int NOT NULL, \`partB\` int NOT NULL, \`partC\` int NOT NULL, \`total\` int NOT NULL, \`mandatoryStarsMet\` int NOT NULL, \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_d314a9ef67eda9053dfd679c03\` (\`dossierId\`, \`memberId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`ALTER TABLE \`dossier\` ADD CONSTRAINT \`FK_e86c7d58b52209ced0112a45ba5\` FOREIGN KEY (\`productId\`) REFERENCES \`product\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`dossier\` ADD CONSTRAINT \`FK_ca43d7566ac03a6e38b930c5d47\` FOREIGN KEY (\`roundId\`) REFERENCES \`evaluation_round\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`dossier_document\` ADD CONSTRAINT \`FK_ee400c9d83bb62fde4fdc7b538a\` FOREIGN KEY (\`dossierId\`) REFERENCES \`dossier\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`dossier_document\` ADD CONSTRAINT \`FK_6dee33afe1e26b03f84b353184a\` FOREIGN KEY (\`fileId\`) REFERENCES \`stored_file\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`score_sheet\` ADD CONSTRAINT \`FK_d3ebe30bd522d4e1a1502466fe7\` FOREIGN KEY (\`dossierId\`) REFERENCES \`dossier\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`score_sheet\` ADD CONSTRAINT \`FK_11552e1252771d01e1c93ce652a\` FOREIGN KEY (\`memberId\`) REFERENCES \`user\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`score_sheet\` DROP FOREIGN KEY \`FK_11552e1252771d01e1c93ce652a\``);
        await queryRunner.query(`ALTER TABLE \`score_sheet\` DROP FOREIGN KEY \`FK_d3ebe30bd522d4e1a1502466fe7\``);
        await queryRunner.query(`ALTER TABLE \`dossier_document\` DROP FOREIGN KEY \`FK_6dee33afe1e26b03f84b353184a\``);
        await queryRunner.query(`ALTER TABLE \`dossier_document\` DROP FOREIGN KEY \`FK_ee400c9d83bb62fde4fdc7b538a\``);
        await queryRunner.query(`ALTER TABLE \`dossier\` DROP FOREIGN KEY \`FK_ca43d7566ac03a6e38b930c5d47\``);
        await queryRunner.query(`ALTER TABLE \`dossier\` DROP FOREIGN KEY \`FK_e86c7d58b52209ced0112a45ba5\``);
        await queryRunner.query(`DROP INDEX \`IDX_d314a9ef67eda9053dfd679c03\` ON \`score_sheet\``);
        await queryRunner.query(`DROP TABLE \`score_sheet\``);
        await queryRunner.query(`DROP INDEX \`IDX_ee400c9d83bb62fde4fdc7b538\` ON \`dossier_document\``);
        await queryRunner.query(`DROP TABLE \`dossier_document\``);
        await queryRunner.query(`DROP INDEX \`IDX_19c8f74f7f2515561212abed4e\` ON \`dossier\``);
        await queryRunner.query(`DROP INDEX \`IDX_a3aa6cdf26a684f74336eeacb3\` ON \`dossier\``);
        await queryRunner.query(`DROP INDEX \`IDX_69446b6ae4d4e5bf25ff537afd\` ON \`dossier\``);
        await queryRunner.query(`DROP INDEX \`IDX_e86c7d58b52209ced0112a45ba\` ON \`dossier\``);
        await queryRunner.query(`DROP INDEX \`IDX_e4a0b898ce0e97174aa9056f9c\` ON \`dossier\``);
        await queryRunner.query(`DROP TABLE \`dossier\``);
        await queryRunner.query(`DROP TABLE \`evaluation_round\``);
        await queryRunner.query(`DROP INDEX \`IDX_65d1684f4813771db451446f0b\` ON \`stored_file\``);
        await queryRunner.query(`DROP INDEX \`IDX_3a4237a94329738b4b7a12d8de\` ON \`stored_file\``);
        await queryRunner.query(`DROP TABLE \`stored_file\``);
        await queryRunner.query(`DROP INDEX \`IDX_ce69f59ed48fea3cbd39a70f89\` ON \`rule_set\``);
        await queryRunner.query(`DROP TABLE \`rule_set\``);
    }

}
