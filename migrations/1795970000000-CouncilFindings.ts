// Wave 3, issue 24: the council's findings on disputed mandatory marks (no consolidation statistic), per-member
// cases and bounded credits on score sheets, closing a scored dossier without a certificate, numbers the system made,
// rounds whose deadline day is excluded and days of grace on the province's return.
import { MigrationInterface, QueryRunner } from "typeorm";

export class CouncilFindings1795970000000 implements MigrationInterface {
    name = 'CouncilFindings1795970000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`mandatory_finding\` (\`id\` int NOT NULL AUTO_INCREMENT, \`dossierId\` int NOT NULL, \`criterionCode\` varchar(20) NOT NULL, \`stars\` int NOT NULL, \`met\` tinyint NOT NULL, \`reason\` text NOT NULL, \`documentId\` int NOT NULL, \`recordedById\` int NOT NULL, \`recordedAt\` datetime NOT NULL, UNIQUE INDEX \`IDX_0ecaa994ef52df049c13789b60\` (\`dossierId\`, \`criterionCode\`, \`stars\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`rule_set\` DROP COLUMN \`consolidation\``);
        await queryRunner.query(`ALTER TABLE \`certificate\` ADD \`numberAssignedBySystem\` tinyint NOT NULL DEFAULT 0`);
        // Numbers in the default pattern (OCOP-{year}-{seq}) were made by the system, never printed on a decision.
        await queryRunner.query(`UPDATE \`certificate\` SET \`numberAssignedBySystem\` = 1 WHERE \`number\` REGEXP '^OCOP-[0-9]{4}-[0-9]+$'`);
        await queryRunner.query(`ALTER TABLE \`evaluation_round\` ADD \`deadlineDayIncluded\` tinyint NOT NULL DEFAULT 1`);
        await queryRunner.query(`ALTER TABLE \`dossier\` ADD \`forwardAgainBy\` date NULL`);
        await queryRunner.query(`ALTER TABLE \`score_sheet\` ADD \`cases\` text NULL`);
        await queryRunner.query(`ALTER TABLE \`score_sheet\` ADD \`missingPoints\` text NULL`);
        await queryRunner.query(`ALTER TABLE \`score_sheet\` ADD \`sheetComplete\` tinyint NOT NULL DEFAULT 1`);
        await queryRunner.query(`ALTER TABLE \`dossier\` CHANGE \`status\` \`status\` enum ('DRAFT', 'SUBMITTED', 'RETURNED', 'COMMUNE_REVIEWED', 'FORWARDED', 'UNDER_REVIEW', 'SCORED', 'PROPOSED_TO_CENTRAL', 'RECOGNIZED', 'NOT_ACHIEVED', 'NOT_RECOGNIZED', 'WITHDRAWN') NOT NULL`);
        await queryRunner.query(`ALTER TABLE \`mandatory_finding\` ADD CONSTRAINT \`FK_f1be2d10d22b2d65ac5a099ab4c\` FOREIGN KEY (\`dossierId\`) REFERENCES \`dossier\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`mandatory_finding\` ADD CONSTRAINT \`FK_a7e8993f291f5c37c0843fd4a85\` FOREIGN KEY (\`documentId\`) REFERENCES \`dossier_document\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`mandatory_finding\` ADD CONSTRAINT \`FK_e38b79105e9c934ec3706bcdcee\` FOREIGN KEY (\`recordedById\`) REFERENCES \`user\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`mandatory_finding\` DROP FOREIGN KEY \`FK_e38b79105e9c934ec3706bcdcee\``);
        await queryRunner.query(`ALTER TABLE \`mandatory_finding\` DROP FOREIGN KEY \`FK_a7e8993f291f5c37c0843fd4a85\``);
        await queryRunner.query(`ALTER TABLE \`mandatory_finding\` DROP FOREIGN KEY \`FK_f1be2d10d22b2d65ac5a099ab4c\``);
        await queryRunner.query(`ALTER TABLE \`dossier\` CHANGE \`status\` \`status\` enum ('DRAFT', 'SUBMITTED', 'RETURNED', 'COMMUNE_REVIEWED', 'FORWARDED', 'UNDER_REVIEW', 'SCORED', 'PROPOSED_TO_CENTRAL', 'RECOGNIZED', 'NOT_ACHIEVED', 'WITHDRAWN') NOT NULL`);
        await queryRunner.query(`ALTER TABLE \`score_sheet\` DROP COLUMN \`sheetComplete\``);
        await queryRunner.query(`ALTER TABLE \`score_sheet\` DROP COLUMN \`missingPoints\``);
        await queryRunner.query(`ALTER TABLE \`score_sheet\` DROP COLUMN \`cases\``);
        await queryRunner.query(`ALTER TABLE \`dossier\` DROP COLUMN \`forwardAgainBy\``);
        await queryRunner.query(`ALTER TABLE \`evaluation_round\` DROP COLUMN \`deadlineDayIncluded\``);
        await queryRunner.query(`ALTER TABLE \`certificate\` DROP COLUMN \`numberAssignedBySystem\``);
        await queryRunner.query(`ALTER TABLE \`rule_set\` ADD \`consolidation\` varchar(20) NOT NULL DEFAULT 'LOWER_MEDIAN'`);
        await queryRunner.query(`DROP INDEX \`IDX_0ecaa994ef52df049c13789b60\` ON \`mandatory_finding\``);
        await queryRunner.query(`DROP TABLE \`mandatory_finding\``);
    }

}
