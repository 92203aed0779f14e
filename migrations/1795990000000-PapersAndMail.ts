// Wave 3, issue 26: the e-mail outbox of expiry notices (delivery status, tries, the server's answer) and the
// document kinds of papers the system generates and attaches (score summary, recognition list, printed certificate).
import { MigrationInterface, QueryRunner } from "typeorm";

export class PapersAndMail1795990000000 implements MigrationInterface {
    name = 'PapersAndMail1795990000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`outbox_mail\` (\`id\` int NOT NULL AUTO_INCREMENT, \`noticeId\` int NOT NULL, \`recipient\` varchar(254) NOT NULL, \`subject\` varchar(255) NOT NULL, \`body\` text NOT NULL, \`attachmentFileId\` int NULL, \`attachmentName\` varchar(255) NULL, \`status\` enum ('PENDING', 'SENT', 'FAILED') NOT NULL, \`attempts\` int NOT NULL DEFAULT '0', \`refusals\` int NOT NULL DEFAULT '0', \`nextAttemptAt\` datetime NOT NULL, \`lockedUntil\` datetime NULL, \`lastAttemptAt\` datetime NULL, \`sentAt\` datetime NULL, \`serverResponse\` text NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_db5beb3fff4b8a43e20c9bf1ba\` (\`noticeId\`), INDEX \`IDX_3efa6e399250d69c59752ed618\` (\`status\`, \`nextAttemptAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`dossier_document\` CHANGE \`kind\` \`kind\` enum ('REGISTRATION_FORM', 'BUSINESS_PLAN', 'ORGANISATION_PROFILE', 'BUSINESS_REGISTRATION', 'PRODUCT_REPORT', 'FOOD_SAFETY_CERTIFICATE', 'QUALITY_DECLARATION', 'TEST_REPORT', 'TRADEMARK', 'TRACEABILITY', 'CONTRACT', 'ENVIRONMENTAL_RECORD', 'VIETGAP_OR_ORGANIC', 'PRODUCT_STORY', 'OTHER', 'COMMUNE_REPORT', 'COMMUNE_REQUEST_LETTER', 'COUNCIL_MINUTES', 'RECOGNITION_DECISION', 'CERTIFICATE_SCAN', 'SCORE_SUMMARY', 'RECOGNITION_LIST', 'PRINTED_CERTIFICATE') NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`dossier_document\` CHANGE \`kind\` \`kind\` enum ('REGISTRATION_FORM', 'BUSINESS_PLAN', 'ORGANISATION_PROFILE', 'BUSINESS_REGISTRATION', 'PRODUCT_REPORT', 'FOOD_SAFETY_CERTIFICATE', 'QUALITY_DECLARATION', 'TEST_REPORT', 'TRADEMARK', 'TRACEABILITY', 'CONTRACT', 'ENVIRONMENTAL_RECORD', 'VIETGAP_OR_ORGANIC', 'PRODUCT_STORY', 'OTHER', 'COMMUNE_REPORT', 'COMMUNE_REQUEST_LETTER', 'COUNCIL_MINUTES', 'RECOGNITION_DECISION', 'CERTIFICATE_SCAN') NOT NULL`);
        await queryRunner.query(`DROP INDEX \`IDX_3efa6e399250d69c59752ed618\` ON \`outbox_mail\``);
        await queryRunner.query(`DROP INDEX \`IDX_db5beb3fff4b8a43e20c9bf1ba\` ON \`outbox_mail\``);
        await queryRunner.query(`DROP TABLE \`outbox_mail\``);
    }

}
