// The first schema: reference data (provinces, communes, categories) and the public catalog
// (producers, products, search words, certificates). Tables are utf8mb4 whatever the server default.
import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795911452809 implements MigrationInterface {
    name = 'Initial1795911452809'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`category\` (\`code\` varchar(16) NOT NULL, \`level\` enum ('SECTOR', 'GROUP', 'SET') NOT NULL, \`parentCode\` varchar(16) NULL, \`name\` varchar(200) NOT NULL, \`nameEn\` varchar(200) NOT NULL, \`criteriaSet\` int NULL, \`position\` int NOT NULL, INDEX \`IDX_1d023606e4f61c240bfb59c2d9\` (\`parentCode\`), PRIMARY KEY (\`code\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`province\` (\`code\` varchar(2) NOT NULL, \`name\` varchar(100) NOT NULL, PRIMARY KEY (\`code\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`commune\` (\`code\` varchar(5) NOT NULL, \`name\` varchar(100) NOT NULL, \`kind\` enum ('XA', 'PHUONG', 'DAC_KHU') NOT NULL, \`provinceCode\` varchar(2) NOT NULL, \`formerDistrict\` varchar(100) NULL, \`mergedFrom\` text NOT NULL, \`position\` int NOT NULL, INDEX \`IDX_7b7ddb156bf713d45f69c6b60c\` (\`provinceCode\`), PRIMARY KEY (\`code\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`producer\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(255) NOT NULL, \`kind\` enum ('HTX', 'DOANH_NGHIEP', 'HO_KINH_DOANH', 'TO_HOP_TAC') NOT NULL, \`registrationNumber\` varchar(50) NULL, \`representative\` varchar(255) NULL, \`address\` varchar(500) NULL, \`communeCode\` varchar(5) NOT NULL, \`phone\` varchar(30) NULL, \`email\` varchar(255) NULL, \`website\` varchar(255) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_68b9d7fbd5c95e8b1ec3c5b4e4\` (\`communeCode\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`product\` (\`id\` int NOT NULL AUTO_INCREMENT, \`slug\` varchar(140) NOT NULL, \`name\` varchar(255) NOT NULL, \`description\` text NULL, \`categoryCode\` varchar(16) NOT NULL, \`producerId\` int NOT NULL, \`communeCode\` varchar(5) NOT NULL, \`currentCertificateId\` int NULL, \`stars\` int NULL, \`certifiedOn\` date NULL, \`certificateExpiresOn\` date NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_8cfaf4a1e80806d58e3dbe6922\` (\`slug\`), INDEX \`IDX_eba03ffe5b581c64f33b50e273\` (\`categoryCode\`), INDEX \`IDX_aedbaa2962ffeb408fe497829d\` (\`producerId\`), INDEX \`IDX_f055a31973760f36735f54ba0d\` (\`communeCode\`), INDEX \`IDX_723811d013929d3aa09f42885c\` (\`certificateExpiresOn\`, \`id\`), INDEX \`IDX_5d8e09387caf93e70d5a5119ad\` (\`certifiedOn\`, \`id\`), INDEX \`IDX_0b55e7f045046215cb70ba44d4\` (\`stars\`, \`id\`), INDEX \`IDX_d709ab9faac6571dee010cb645\` (\`name\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`product_search_token\` (\`productId\` int NOT NULL, \`token\` varchar(40) NOT NULL, INDEX \`IDX_19a04b384d069f6da6855dd466\` (\`token\`, \`productId\`), PRIMARY KEY (\`productId\`, \`token\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`certificate\` (\`id\` int NOT NULL AUTO_INCREMENT, \`number\` varchar(64) NOT NULL, \`productId\` int NOT NULL, \`stars\` int NOT NULL, \`decisionNumber\` varchar(100) NOT NULL, \`decisionDate\` date NOT NULL, \`issuedOn\` date NOT NULL, \`expiresOn\` date NOT NULL, \`revokedOn\` date NULL, \`revocationReason\` text NULL, \`revocationDecisionNumber\` varchar(100) NULL, \`supersededById\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_6cacdcb9a0b6c4dd02bf699af8\` (\`number\`), INDEX \`IDX_cc6e31a283da7dc5083dee1d88\` (\`productId\`), INDEX \`IDX_dbc24daacc08db6568e9659771\` (\`expiresOn\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`ALTER TABLE \`commune\` ADD CONSTRAINT \`FK_7b7ddb156bf713d45f69c6b60c3\` FOREIGN KEY (\`provinceCode\`) REFERENCES \`province\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`producer\` ADD CONSTRAINT \`FK_68b9d7fbd5c95e8b1ec3c5b4e4b\` FOREIGN KEY (\`communeCode\`) REFERENCES \`commune\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`product\` ADD CONSTRAINT \`FK_eba03ffe5b581c64f33b50e2730\` FOREIGN KEY (\`categoryCode\`) REFERENCES \`category\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`product\` ADD CONSTRAINT \`FK_aedbaa2962ffeb408fe497829dd\` FOREIGN KEY (\`producerId\`) REFERENCES \`producer\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`product\` ADD CONSTRAINT \`FK_f055a31973760f36735f54ba0d5\` FOREIGN KEY (\`communeCode\`) REFERENCES \`commune\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`product_search_token\` ADD CONSTRAINT \`FK_9735c4aa256ba046db9a273ceb3\` FOREIGN KEY (\`productId\`) REFERENCES \`product\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`certificate\` ADD CONSTRAINT \`FK_cc6e31a283da7dc5083dee1d88a\` FOREIGN KEY (\`productId\`) REFERENCES \`product\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`certificate\` DROP FOREIGN KEY \`FK_cc6e31a283da7dc5083dee1d88a\``);
        await queryRunner.query(`ALTER TABLE \`product_search_token\` DROP FOREIGN KEY \`FK_9735c4aa256ba046db9a273ceb3\``);
        await queryRunner.query(`ALTER TABLE \`product\` DROP FOREIGN KEY \`FK_f055a31973760f36735f54ba0d5\``);
        await queryRunner.query(`ALTER TABLE \`product\` DROP FOREIGN KEY \`FK_aedbaa2962ffeb408fe497829dd\``);
        await queryRunner.query(`ALTER TABLE \`product\` DROP FOREIGN KEY \`FK_eba03ffe5b581c64f33b50e2730\``);
        await queryRunner.query(`ALTER TABLE \`producer\` DROP FOREIGN KEY \`FK_68b9d7fbd5c95e8b1ec3c5b4e4b\``);
        await queryRunner.query(`ALTER TABLE \`commune\` DROP FOREIGN KEY \`FK_7b7ddb156bf713d45f69c6b60c3\``);
        await queryRunner.query(`DROP INDEX \`IDX_dbc24daacc08db6568e9659771\` ON \`certificate\``);
        await queryRunner.query(`DROP INDEX \`IDX_cc6e31a283da7dc5083dee1d88\` ON \`certificate\``);
        await queryRunner.query(`DROP INDEX \`IDX_6cacdcb9a0b6c4dd02bf699af8\` ON \`certificate\``);
        await queryRunner.query(`DROP TABLE \`certificate\``);
        await queryRunner.query(`DROP INDEX \`IDX_19a04b384d069f6da6855dd466\` ON \`product_search_token\``);
        await queryRunner.query(`DROP TABLE \`product_search_token\``);
        await queryRunner.query(`DROP INDEX \`IDX_d709ab9faac6571dee010cb645\` ON \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_0b55e7f045046215cb70ba44d4\` ON \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_5d8e09387caf93e70d5a5119ad\` ON \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_723811d013929d3aa09f42885c\` ON \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_f055a31973760f36735f54ba0d\` ON \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_aedbaa2962ffeb408fe497829d\` ON \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_eba03ffe5b581c64f33b50e273\` ON \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_8cfaf4a1e80806d58e3dbe6922\` ON \`product\``);
        await queryRunner.query(`DROP TABLE \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_68b9d7fbd5c95e8b1ec3c5b4e4\` ON \`producer\``);
        await queryRunner.query(`DROP TABLE \`producer\``);
        await queryRunner.query(`DROP INDEX \`IDX_7b7ddb156bf713d45f69c6b60c\` ON \`commune\``);
        await queryRunner.query(`DROP TABLE \`commune\``);
        await queryRunner.query(`DROP TABLE \`province\``);
        await queryRunner.query(`DROP INDEX \`IDX_1d023606e4f61c240bfb59c2d9\` ON \`category\``);
        await queryRunner.query(`DROP TABLE \`category\``);
    }

}
