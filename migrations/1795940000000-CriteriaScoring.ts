// Wave 2, scoring as Decision 148 prescribes: per-criterion score sheets, the council's consolidated
// evaluation kept on the dossier, and the rest of the rule set as data (documents, local criteria,
// revocation grounds, consolidation, score spread, criteria sheets, who revokes, product samples). The reference loader fills
// the new rule-set columns right after the migrations run. Revocations cite grounds; a certificate the
// Ministry issued is revoked on the Ministry's decision after the province's proposal; expiry notices may be
// recorded more than once (the province's letter, the commune's relay).
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
        await queryRunner.query(`ALTER TABLE \`rule_set\` ADD \`revocationAuthority\` text NULL`);
        await queryRunner.query(`ALTER TABLE \`rule_set\` ADD \`productSamples\` text NULL`);
        await queryRunner.query(`ALTER TABLE \`dossier\` ADD \`samplesReceived\` int NULL`);
        await queryRunner.query(`ALTER TABLE \`dossier\` ADD \`samplesReceivedOn\` date NULL`);
        await queryRunner.query(`ALTER TABLE \`certificate\` ADD \`revocationGrounds\` text NULL`);
        await queryRunner.query(`ALTER TABLE \`certificate\` ADD \`revokedBy\` varchar(16) NULL`);
        await queryRunner.query(`ALTER TABLE \`certificate\` ADD \`ministryRevocationProposal\` text NULL`);
        // Until now the province revoked every certificate.
        await queryRunner.query(`UPDATE \`certificate\` SET \`revokedBy\` = 'PROVINCE' WHERE \`revokedOn\` IS NOT NULL`);
        await queryRunner.query(`ALTER TABLE \`revocation_recommendation\` ADD \`grounds\` text NULL`);
        await queryRunner.query(`ALTER TABLE \`expiry_notice\` ADD \`authority\` enum ('PROVINCE', 'COMMUNE') NOT NULL DEFAULT 'PROVINCE'`);
        await queryRunner.query(`ALTER TABLE \`expiry_notice\` ADD \`letterNumber\` varchar(100) NULL`);
        await queryRunner.query(`ALTER TABLE \`expiry_notice\` ADD \`letterDate\` date NULL`);
        // The new key first: the foreign key on certificateId needs an index at every moment.
        await queryRunner.query(`CREATE UNIQUE INDEX \`UQ_notice_certificate_day_authority\` ON \`expiry_notice\` (\`certificateId\`, \`sentOn\`, \`authority\`)`);
        await queryRunner.query(`DROP INDEX \`IDX_d310a250c03e09d8d580612f2e\` ON \`expiry_notice\``);
        await queryRunner.query(`ALTER TABLE \`dossier_document\` MODIFY \`kind\` enum ('REGISTRATION_FORM', 'BUSINESS_PLAN', 'ORGANISATION_PROFILE', 'BUSINESS_REGISTRATION', 'PRODUCT_REPORT', 'FOOD_SAFETY_CERTIFICATE', 'QUALITY_DECLARATION', 'TEST_REPORT', 'TRADEMARK', 'TRACEABILITY', 'CONTRACT', 'ENVIRONMENTAL_RECORD', 'VIETGAP_OR_ORGANIC', 'PRODUCT_STORY', 'OTHER') NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE UNIQUE INDEX \`IDX_d310a250c03e09d8d580612f2e\` ON \`expiry_notice\` (\`certificateId\`)`);
        await queryRunner.query(`DROP INDEX \`UQ_notice_certificate_day_authority\` ON \`expiry_notice\``);
        await queryRunner.query(`ALTER TABLE \`expiry_notice\` DROP COLUMN \`letterDate\``);
        await queryRunner.query(`ALTER TABLE \`expiry_notice\` DROP COLUMN \`letterNumber\``);
        await queryRunner.query(`ALTER TABLE \`expiry_notice\` DROP COLUMN \`authority\``);
        await queryRunner.query(`ALTER TABLE \`revocation_recommendation\` DROP COLUMN \`grounds\``);
        await queryRunner.query(`ALTER TABLE \`certificate\` DROP COLUMN \`ministryRevocationProposal\``);
        await queryRunner.query(`ALTER TABLE \`certificate\` DROP COLUMN \`revokedBy\``);
        await queryRunner.query(`ALTER TABLE \`certificate\` DROP COLUMN \`revocationGrounds\``);
        await queryRunner.query(`ALTER TABLE \`dossier\` DROP COLUMN \`samplesReceivedOn\``);
        await queryRunner.query(`ALTER TABLE \`dossier\` DROP COLUMN \`samplesReceived\``);
        await queryRunner.query(`ALTER TABLE \`rule_set\` DROP COLUMN \`productSamples\``);
        await queryRunner.query(`ALTER TABLE \`rule_set\` DROP COLUMN \`revocationAuthority\``);
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
