// Wave 3, go-live hardening: which level may recognise which stars (rule data the import checks), and
// e-mail addresses compared byte for byte, so that the login's lookup and its throttle key agree.
import { MigrationInterface, QueryRunner } from "typeorm";

export class GoLiveHardening1795960000000 implements MigrationInterface {
    name = 'GoLiveHardening1795960000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`rule_set\` ADD \`issuingLevels\` text NULL`);
        await queryRunner.query(`ALTER TABLE \`user\` MODIFY \`email\` varchar(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`user\` MODIFY \`email\` varchar(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL`);
        await queryRunner.query(`ALTER TABLE \`rule_set\` DROP COLUMN \`issuingLevels\``);
    }

}
