// Wave 2, portal content (second part): product photos and points of sale, the producer's public contact
// (agreed or not; existing producers have not agreed) and coordinates, what each upload was for, and each
// product's place in the catalog's change feed (listed products: the current generation).
import { MigrationInterface, QueryRunner } from "typeorm";

export class PortalPhotosAndFeed1795952000000 implements MigrationInterface {
    name = 'PortalPhotosAndFeed1795952000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`point_of_sale\` (\`id\` int NOT NULL AUTO_INCREMENT, \`productId\` int NOT NULL, \`position\` int NOT NULL, \`name\` varchar(200) NOT NULL, \`address\` varchar(500) NULL, \`phone\` varchar(30) NULL, \`url\` varchar(500) NULL, \`latitude\` decimal(9,6) NULL, \`longitude\` decimal(9,6) NULL, INDEX \`IDX_7e8776efef912f2ca87b4d1ac8\` (\`productId\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`product_image\` (\`id\` int NOT NULL AUTO_INCREMENT, \`productId\` int NOT NULL, \`position\` int NOT NULL, \`fileId\` int NOT NULL, \`sha256\` varchar(64) NOT NULL, \`width\` int NOT NULL, \`height\` int NOT NULL, \`alt\` varchar(250) NOT NULL, \`altEn\` varchar(250) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_1f8b2028249655ec6f171827cb\` (\`sha256\`), INDEX \`IDX_197dfc074e0bf15255bfd34cd8\` (\`productId\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`producer\` ADD \`publicContact\` tinyint NOT NULL DEFAULT 0`);
        await queryRunner.query(`ALTER TABLE \`producer\` ADD \`openingHours\` varchar(255) NULL`);
        await queryRunner.query(`ALTER TABLE \`producer\` ADD \`latitude\` decimal(9,6) NULL`);
        await queryRunner.query(`ALTER TABLE \`producer\` ADD \`longitude\` decimal(9,6) NULL`);
        await queryRunner.query(`ALTER TABLE \`product\` ADD \`catalogSeq\` bigint NULL`);
        await queryRunner.query(`ALTER TABLE \`stored_file\` ADD \`purpose\` varchar(16) NOT NULL DEFAULT 'evidence'`);
        await queryRunner.query(`CREATE INDEX \`IDX_01722333c0d67dd68530327c2d\` ON \`product\` (\`catalogSeq\`, \`id\`)`);
        await queryRunner.query(`UPDATE \`product\` SET \`catalogSeq\` = COALESCE((SELECT \`generation\` FROM \`catalog_generation\` WHERE \`id\` = 1), 1) WHERE \`currentCertificateId\` IS NOT NULL`);
        await queryRunner.query(`UPDATE \`stored_file\` SET \`purpose\` = 'import' WHERE \`contentType\` IN ('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')`);
        await queryRunner.query(`ALTER TABLE \`point_of_sale\` ADD CONSTRAINT \`FK_b6b159f54851ce1c0051e119896\` FOREIGN KEY (\`productId\`) REFERENCES \`product\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`product_image\` ADD CONSTRAINT \`FK_40ca0cd115ef1ff35351bed8da2\` FOREIGN KEY (\`productId\`) REFERENCES \`product\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`product_image\` ADD CONSTRAINT \`FK_2f757f675fce1f6fdda0cf0ca1f\` FOREIGN KEY (\`fileId\`) REFERENCES \`stored_file\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`product_image\` DROP FOREIGN KEY \`FK_2f757f675fce1f6fdda0cf0ca1f\``);
        await queryRunner.query(`ALTER TABLE \`product_image\` DROP FOREIGN KEY \`FK_40ca0cd115ef1ff35351bed8da2\``);
        await queryRunner.query(`ALTER TABLE \`point_of_sale\` DROP FOREIGN KEY \`FK_b6b159f54851ce1c0051e119896\``);
        await queryRunner.query(`DROP INDEX \`IDX_01722333c0d67dd68530327c2d\` ON \`product\``);
        await queryRunner.query(`ALTER TABLE \`stored_file\` DROP COLUMN \`purpose\``);
        await queryRunner.query(`ALTER TABLE \`product\` DROP COLUMN \`catalogSeq\``);
        await queryRunner.query(`ALTER TABLE \`producer\` DROP COLUMN \`longitude\``);
        await queryRunner.query(`ALTER TABLE \`producer\` DROP COLUMN \`latitude\``);
        await queryRunner.query(`ALTER TABLE \`producer\` DROP COLUMN \`openingHours\``);
        await queryRunner.query(`ALTER TABLE \`producer\` DROP COLUMN \`publicContact\``);
        await queryRunner.query(`DROP INDEX \`IDX_197dfc074e0bf15255bfd34cd8\` ON \`product_image\``);
        await queryRunner.query(`DROP INDEX \`IDX_1f8b2028249655ec6f171827cb\` ON \`product_image\``);
        await queryRunner.query(`DROP TABLE \`product_image\``);
        await queryRunner.query(`DROP INDEX \`IDX_7e8776efef912f2ca87b4d1ac8\` ON \`point_of_sale\``);
        await queryRunner.query(`DROP TABLE \`point_of_sale\``);
    }

}
