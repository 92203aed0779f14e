// Wave 2, the programme around the dossiers: the communes' register of potential products, the province's
// plan targets, and each round's deadline as first set (forwarding after it, once extended, counts as late).
import { MigrationInterface, QueryRunner } from "typeorm";

export class Programme1795944200000 implements MigrationInterface {
    name = 'Programme1795944200000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`potential_product\` (\`name\` varchar(255) NOT NULL, \`nameKey\` varchar(255) NOT NULL DEFAULT '', \`id\` int NOT NULL AUTO_INCREMENT, \`categoryCode\` varchar(16) NOT NULL, \`communeCode\` varchar(5) NOT NULL, \`producerId\` int NULL, \`contact\` varchar(500) NULL, \`source\` enum ('REVIEW', 'NEW_DISCOVERY', 'PRODUCER_REQUEST') NOT NULL, \`note\` text NULL, \`plannedYear\` int NULL, \`status\` enum ('PROPOSED', 'SELECTED', 'IN_PREPARATION', 'DOSSIER_OPENED', 'CERTIFIED', 'DROPPED') NOT NULL, \`dropReason\` text NULL, \`productId\` int NULL, \`dossierId\` int NULL, \`createdById\` int NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_fb3150816dfdd1473a1314f5f5\` (\`plannedYear\`), INDEX \`IDX_b5443baf941eb8f95417bc3c9e\` (\`productId\`), INDEX \`IDX_2ceb2f0773567067244b79e356\` (\`dossierId\`), INDEX \`IDX_85076906f5b2bedaa5aaa2eedc\` (\`status\`, \`id\`), INDEX \`IDX_832291648b134c1fec50feea61\` (\`communeCode\`, \`nameKey\`), INDEX \`IDX_41aac57be5f1836cf610498994\` (\`communeCode\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`plan_target\` (\`year\` int NOT NULL, \`communeCode\` varchar(5) NOT NULL, \`newProducts\` int NOT NULL, \`upgrades\` int NOT NULL, \`reEvaluations\` int NOT NULL, \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`year\`, \`communeCode\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`evaluation_round\` ADD \`firstDeadline\` date NULL`);
        await queryRunner.query(`UPDATE \`evaluation_round\` SET \`firstDeadline\` = \`submissionDeadline\``);
        // A round already extended: its first deadline is the "from" of its first extension ("2025-10-31 → 2025-11-15").
        const extensions: { subjectId: string; note: string }[] = await queryRunner.query(
            `SELECT \`subjectId\`, \`note\` FROM \`audit_event\` WHERE \`action\` = 'DEADLINE_EXTENDED' AND \`subjectType\` = 'EvaluationRound' ORDER BY \`id\` DESC`,
        );
        for (const e of extensions) {
            const first = /^(\d{4}-\d{2}-\d{2}) →/.exec(e.note ?? "")?.[1];
            if (first) await queryRunner.query(`UPDATE \`evaluation_round\` SET \`firstDeadline\` = ? WHERE \`id\` = ?`, [first, Number(e.subjectId)]);
        }
        await queryRunner.query(`ALTER TABLE \`evaluation_round\` MODIFY \`firstDeadline\` date NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`evaluation_round\` DROP COLUMN \`firstDeadline\``);
        await queryRunner.query(`DROP TABLE \`plan_target\``);
        await queryRunner.query(`DROP INDEX \`IDX_41aac57be5f1836cf610498994\` ON \`potential_product\``);
        await queryRunner.query(`DROP INDEX \`IDX_832291648b134c1fec50feea61\` ON \`potential_product\``);
        await queryRunner.query(`DROP INDEX \`IDX_85076906f5b2bedaa5aaa2eedc\` ON \`potential_product\``);
        await queryRunner.query(`DROP INDEX \`IDX_2ceb2f0773567067244b79e356\` ON \`potential_product\``);
        await queryRunner.query(`DROP INDEX \`IDX_b5443baf941eb8f95417bc3c9e\` ON \`potential_product\``);
        await queryRunner.query(`DROP INDEX \`IDX_fb3150816dfdd1473a1314f5f5\` ON \`potential_product\``);
        await queryRunner.query(`DROP TABLE \`potential_product\``);

    }
}
