// Wave 3, issue 25: the commune's work under 1489: the day a file was received, the commune's confirmation of each
// document, requests for supplements (AWAITING_SUPPLEMENT), the province's own document kinds, the commune's papers
// a rule set asks before forwarding, self-assessments (Mẫu 02) and upgrade candidates in the register.
// Dossiers at the commune when this runs keep their documents unconfirmed: the commune confirms them before it forwards.
import { MigrationInterface, QueryRunner } from "typeorm";

export class CommuneWork1795980000000 implements MigrationInterface {
    name = 'CommuneWork1795980000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`self_assessment\` (\`id\` int NOT NULL AUTO_INCREMENT, \`potentialProductId\` int NULL, \`dossierId\` int NULL, \`productSetCode\` varchar(16) NOT NULL, \`ruleSetVersion\` varchar(100) NOT NULL, \`partA\` int NOT NULL, \`partB\` int NOT NULL, \`partC\` int NOT NULL, \`total\` int NOT NULL, \`mandatoryStarsMet\` int NOT NULL, \`unmetMandatory\` text NOT NULL, \`choices\` text NOT NULL, \`cases\` text NOT NULL, \`missingPoints\` text NOT NULL, \`sheetComplete\` tinyint NOT NULL, \`note\` text NULL, \`recordedById\` int NOT NULL, \`recordedAt\` datetime NOT NULL, INDEX \`IDX_141cea33211b0da7a1993b9b0b\` (\`potentialProductId\`, \`id\`), INDEX \`IDX_11c0104acf6c0150a9783c147f\` (\`dossierId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`rule_set\` ADD \`forwardingDocuments\` text NULL`);
        await queryRunner.query(`ALTER TABLE \`dossier\` ADD \`receivedOn\` date NULL`);
        await queryRunner.query(`ALTER TABLE \`dossier\` ADD \`receivedById\` int NULL`);
        await queryRunner.query(`ALTER TABLE \`dossier\` ADD \`supplementRequest\` text NULL`);
        await queryRunner.query(`ALTER TABLE \`dossier_document\` ADD \`confirmationStatus\` enum ('CONFIRMED', 'NOT_VALID') NULL`);
        await queryRunner.query(`ALTER TABLE \`dossier_document\` ADD \`confirmationReason\` text NULL`);
        await queryRunner.query(`ALTER TABLE \`dossier_document\` ADD \`confirmedById\` int NULL`);
        await queryRunner.query(`ALTER TABLE \`dossier_document\` ADD \`confirmedAt\` datetime NULL`);
        await queryRunner.query(`ALTER TABLE \`potential_product\` ADD \`targetStars\` int NULL`);
        await queryRunner.query(`ALTER TABLE \`potential_product\` ADD \`upgradeOfId\` int NULL`);
        await queryRunner.query(`ALTER TABLE \`dossier\` CHANGE \`status\` \`status\` enum ('DRAFT', 'SUBMITTED', 'AWAITING_SUPPLEMENT', 'RETURNED', 'COMMUNE_REVIEWED', 'FORWARDED', 'UNDER_REVIEW', 'SCORED', 'PROPOSED_TO_CENTRAL', 'RECOGNIZED', 'NOT_ACHIEVED', 'NOT_RECOGNIZED', 'WITHDRAWN') NOT NULL`);
        await queryRunner.query(`ALTER TABLE \`dossier_document\` CHANGE \`kind\` \`kind\` enum ('REGISTRATION_FORM', 'BUSINESS_PLAN', 'ORGANISATION_PROFILE', 'BUSINESS_REGISTRATION', 'PRODUCT_REPORT', 'FOOD_SAFETY_CERTIFICATE', 'QUALITY_DECLARATION', 'TEST_REPORT', 'TRADEMARK', 'TRACEABILITY', 'CONTRACT', 'ENVIRONMENTAL_RECORD', 'VIETGAP_OR_ORGANIC', 'PRODUCT_STORY', 'OTHER', 'COMMUNE_REPORT', 'COMMUNE_REQUEST_LETTER', 'COUNCIL_MINUTES', 'RECOGNITION_DECISION', 'CERTIFICATE_SCAN') NOT NULL`);
        await queryRunner.query(`ALTER TABLE \`self_assessment\` ADD CONSTRAINT \`FK_c6ae9dac65cfbdeef58b14093d5\` FOREIGN KEY (\`potentialProductId\`) REFERENCES \`potential_product\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`self_assessment\` ADD CONSTRAINT \`FK_d49c454918202f298390909db91\` FOREIGN KEY (\`dossierId\`) REFERENCES \`dossier\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`self_assessment\` ADD CONSTRAINT \`FK_749635b865cb28ab75f740bf2c8\` FOREIGN KEY (\`recordedById\`) REFERENCES \`user\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`self_assessment\` DROP FOREIGN KEY \`FK_749635b865cb28ab75f740bf2c8\``);
        await queryRunner.query(`ALTER TABLE \`self_assessment\` DROP FOREIGN KEY \`FK_d49c454918202f298390909db91\``);
        await queryRunner.query(`ALTER TABLE \`self_assessment\` DROP FOREIGN KEY \`FK_c6ae9dac65cfbdeef58b14093d5\``);
        await queryRunner.query(`ALTER TABLE \`dossier_document\` CHANGE \`kind\` \`kind\` enum ('REGISTRATION_FORM', 'BUSINESS_PLAN', 'ORGANISATION_PROFILE', 'BUSINESS_REGISTRATION', 'PRODUCT_REPORT', 'FOOD_SAFETY_CERTIFICATE', 'QUALITY_DECLARATION', 'TEST_REPORT', 'TRADEMARK', 'TRACEABILITY', 'CONTRACT', 'ENVIRONMENTAL_RECORD', 'VIETGAP_OR_ORGANIC', 'PRODUCT_STORY', 'OTHER') NOT NULL`);
        await queryRunner.query(`ALTER TABLE \`dossier\` CHANGE \`status\` \`status\` enum ('DRAFT', 'SUBMITTED', 'RETURNED', 'COMMUNE_REVIEWED', 'FORWARDED', 'UNDER_REVIEW', 'SCORED', 'PROPOSED_TO_CENTRAL', 'RECOGNIZED', 'NOT_ACHIEVED', 'NOT_RECOGNIZED', 'WITHDRAWN') NOT NULL`);
        await queryRunner.query(`ALTER TABLE \`potential_product\` DROP COLUMN \`upgradeOfId\``);
        await queryRunner.query(`ALTER TABLE \`potential_product\` DROP COLUMN \`targetStars\``);
        await queryRunner.query(`ALTER TABLE \`dossier_document\` DROP COLUMN \`confirmedAt\``);
        await queryRunner.query(`ALTER TABLE \`dossier_document\` DROP COLUMN \`confirmedById\``);
        await queryRunner.query(`ALTER TABLE \`dossier_document\` DROP COLUMN \`confirmationReason\``);
        await queryRunner.query(`ALTER TABLE \`dossier_document\` DROP COLUMN \`confirmationStatus\``);
        await queryRunner.query(`ALTER TABLE \`dossier\` DROP COLUMN \`supplementRequest\``);
        await queryRunner.query(`ALTER TABLE \`dossier\` DROP COLUMN \`receivedById\``);
        await queryRunner.query(`ALTER TABLE \`dossier\` DROP COLUMN \`receivedOn\``);
        await queryRunner.query(`ALTER TABLE \`rule_set\` DROP COLUMN \`forwardingDocuments\``);
        await queryRunner.query(`DROP INDEX \`IDX_11c0104acf6c0150a9783c147f\` ON \`self_assessment\``);
        await queryRunner.query(`DROP INDEX \`IDX_141cea33211b0da7a1993b9b0b\` ON \`self_assessment\``);
        await queryRunner.query(`DROP TABLE \`self_assessment\``);
    }

}
