// Wave 2, scoring as Decision 148 prescribes: per-criterion score sheets, the council's consolidated
// evaluation kept on the dossier, and the rest of the rule set as data (documents, local criteria,
// revocation grounds, consolidation, score spread, criteria sheets). The reference loader fills the new
// rule-set columns right after the migrations run.
import { MigrationInterface, QueryRunner } from "typeorm";

export class CriteriaScoring1795940000000 implements MigrationInterface {
    name = 'CriteriaScoring1795940000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`rule_set\` ADD \`consolidation\` varchar(20) NOT NULL DEFAULT 'LOWER_MEDIAN'`);
        await queryRunner.query(`ALTER TABLE \`rule_set\` ADD \`maxScoreSpread\` int NULL`);
        await queryRunner.query(`ALTER TABLE \`rule_set\` ADD \`criteriaSheets\` varchar(100) NULL`);
        await queryRunner.query(`ALTER TABLE \`rule_set\` ADD \`documents\` text NULL`);
        await queryRunner.query(`ALTER TABLE \`rule_set\` ADD \`localCriteria\` text NULL`);
        await queryRunner.query(`ALTER TABLE \`rule_set\` ADD \`revocationGrounds\` text NULL`);
        await queryRunner.query(`ALTER TABLE \`score_sheet\` ADD \`choices\` text NULL`);
        await queryRunner.query(`ALTER TABLE \`score_sheet\` ADD \`unmetMandatory\` text NULL`);
        await queryRunner.query(`ALTER TABLE \`dossier\` ADD \`evaluation\` text NULL`);
        await queryRunner.query(`ALTER TABLE \`dossier_document\` MODIFY \`kind\` enum ('REGISTRATION_FORM', 'BUSINESS_PLAN', 'ORGANISATION_PROFILE', 'BUSINESS_REGISTRATION', 'PRODUCT_REPORT', 'FOOD_SAFETY_CERTIFICATE', 'QUALITY_DECLARATION', 'TEST_REPORT', 'TRADEMARK', 'TRACEABILITY', 'CONTRACT', 'ENVIRONMENTAL_RECORD', 'VIETGAP_OR_ORGANIC', 'PRODUCT_STORY', 'OTHER') NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`dossier_document\` MODIFY \`kind\` enum ('REGISTRATION_FORM', 'BUSINESS_PLAN', 'ORGANISATION_PROFILE', 'BUSINESS_REGISTRATION', 'FOOD_SAFETY_CERTIFICATE', 'QUALITY_DECLARATION', 'TEST_REPORT', 'TRADEMARK', 'TRACEABILITY', 'CONTRACT', 'ENVIRONMENTAL_RECORD', 'VIETGAP_OR_ORGANIC', 'PRODUCT_STORY', 'OTHER') NOT NULL`);
        await queryRunner.query(`ALTER TABLE \`dossier\` DROP COLUMN \`evaluation\``);
        await queryRunner.query(`ALTER TABLE \`score_sheet\` DROP COLUMN \`unmetMandatory\``);
        await queryRunner.query(`ALTER TABLE \`score_sheet\` DROP COLUMN \`choices\``);
        await queryRunner.query(`ALTER TABLE \`rule_set\` DROP COLUMN \`revocationGrounds\``);
        await queryRunner.query(`ALTER TABLE \`rule_set\` DROP COLUMN \`localCriteria\``);
        await queryRunner.query(`ALTER TABLE \`rule_set\` DROP COLUMN \`documents\``);
        await queryRunner.query(`ALTER TABLE \`rule_set\` DROP COLUMN \`criteriaSheets\``);
        await queryRunner.query(`ALTER TABLE \`rule_set\` DROP COLUMN \`maxScoreSpread\``);
        await queryRunner.query(`ALTER TABLE \`rule_set\` DROP COLUMN \`consolidation\``);
    }
}
