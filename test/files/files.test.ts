// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { existsSync } from "node:fs";
import { join } from "node:path";
import request from "supertest";
import { AuditEvent } from "../../src/audit/audit-event.entity";
import { Role } from "../../src/auth/user.entity";
import { DossierDocument, DocumentKind } from "../../src/dossiers/dossier.entity";
import { DossierStatus } from "../../src/dossiers/workflow";
import { removeUnattachedFiles } from "../../src/files/cleanup";
import { StoredFile } from "../../src/files/stored-file.entity";
import { clearTestData, openTestDb, type TestDb } from "../support/db";
import { makeUser } from "../support/factory";
import { FixedClock, TEST_FILES_DIR, testApp } from "../support/http";
import { dossierIn, PDF, PNG, signIn, upload } from "../support/staff";

const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
beforeEach(() => clearTestData(db.dataSource));
afterAll(() => db.dataSource.destroy());

async function officer(app: Awaited<ReturnType<typeof testApp>>) {
  return signIn(app.gql, await makeUser(db.dataSource, Role.COMMUNE_OFFICER, "03390"));
}

it("keeps the Vietnamese name with the extension of the recognised type, and serves it as that type only", async () => {
  const app = await testApp(db, clock);
  const me = await officer(app);
  const uploaded = await upload(app.app, me.headers, PDF, "Phiếu đăng ký.html");
  expect(uploaded.status).toBe(201);
  expect(uploaded.body).toMatchObject({ contentType: "application/pdf", name: "Phiếu đăng ký.pdf" });

  const got = await request(app.app).get(`/files/${uploaded.body.id}`).set(me.headers);
  expect(got.headers["content-type"]).toBe("application/pdf");
  expect(got.headers["x-content-type-options"]).toBe("nosniff");
  expect(got.headers["content-disposition"]).toBe(
    `attachment; filename="Phieu dang ky.pdf"; filename*=UTF-8''Phi%E1%BA%BFu%20%C4%91%C4%83ng%20k%C3%BD.pdf`,
  );
  const downloads = await db.dataSource.getRepository(AuditEvent).findBy({ action: "FILE_DOWNLOADED" });
  expect(downloads.map((d) => [d.actorId, d.subjectId])).toEqual([[me.user.id, uploaded.body.id]]);
});

it("shows a dossier document's file to reviewers: name, type, size, sha256 and where to download it", async () => {
  const app = await testApp(db, clock);
  const me = await officer(app);
  const { dossier } = await dossierIn(db.dataSource, DossierStatus.DRAFT, { createdBy: me.user });
  const uploaded = await upload(app.app, me.headers, PNG, "ảnh nhãn.png");
  await db.dataSource.manager.save(
    db.dataSource.manager.create(DossierDocument, {
      dossierId: dossier.id,
      kind: DocumentKind.OTHER,
      title: "Nhãn",
      fileId: Number(uploaded.body.id),
      validUntil: null,
      attachedById: me.user.id,
    }),
  );
  const r = await app.gql(
    "query($id: ID!) { dossier(id: $id) { documents { file { id name contentType size sha256 downloadUrl } } } }",
    { id: String(dossier.id) },
    me.headers,
  );
  expect(r.body.data.dossier.documents).toEqual([
    {
      file: {
        id: uploaded.body.id,
        name: "ảnh nhãn.png",
        contentType: "image/png",
        size: PNG.length,
        sha256: uploaded.body.sha256,
        downloadUrl: `/files/${uploaded.body.id}`,
      },
    },
  ]);
});

it("refuses uploads over the user's daily quota, and lets them again the next day", async () => {
  const app = await testApp(db, clock, { uploadQuotaBytesPerDay: PDF.length * 2 });
  const me = await officer(app);
  expect((await upload(app.app, me.headers)).status).toBe(201);
  expect((await upload(app.app, me.headers)).status).toBe(201);
  const over = await upload(app.app, me.headers);
  expect([over.status, over.body.errors[0].extensions.code]).toEqual([429, "RATE_LIMITED"]);
  const other = await officer(app);
  expect((await upload(app.app, other.headers)).status).toBe(201); // per user
  clock.instant = new Date("2026-06-15T17:00:01Z"); // 00:00:01 on 16 June in Vietnam
  const tomorrow = await signIn(app.gql, me.user);
  expect((await upload(app.app, tomorrow.headers)).status).toBe(201);
  clock.instant = new Date("2026-06-15T03:00:00Z");
});

it("removes uploads never attached after the given days, keeps attached and recent ones, and keeps bytes another upload shares", async () => {
  const app = await testApp(db, clock);
  const me = await officer(app);
  const { dossier } = await dossierIn(db.dataSource, DossierStatus.DRAFT, { createdBy: me.user });
  const orphan = await upload(app.app, me.headers, Buffer.concat([PDF, Buffer.from("orphan")]), "orphan.pdf");
  const attached = await upload(app.app, me.headers, PDF, "attached.pdf");
  await db.dataSource.manager.save(
    db.dataSource.manager.create(DossierDocument, {
      dossierId: dossier.id,
      kind: DocumentKind.OTHER,
      title: "x",
      fileId: Number(attached.body.id),
      validUntil: null,
      attachedById: me.user.id,
    }),
  );
  const sameBytesOrphan = await upload(app.app, me.headers, PDF, "copy.pdf");
  const eightDaysLater = new Date(clock.instant.getTime() + 8 * 24 * 3600_000);
  clock.instant = eightDaysLater;
  const recent = await upload(
    app.app,
    (await signIn(app.gql, me.user)).headers,
    Buffer.concat([PDF, Buffer.from("recent")]),
    "recent.pdf",
  );
  clock.instant = new Date("2026-06-15T03:00:00Z");

  expect(await removeUnattachedFiles(db.dataSource, TEST_FILES_DIR, 7, eightDaysLater)).toBe(2);
  const left = (await db.dataSource.getRepository(StoredFile).find()).map((f) => f.originalName).sort();
  expect(left).toEqual(["attached.pdf", "recent.pdf"]);
  expect(existsSync(join(TEST_FILES_DIR, orphan.body.sha256))).toBe(false);
  expect(existsSync(join(TEST_FILES_DIR, sameBytesOrphan.body.sha256))).toBe(true); // the attached file has the same bytes
  expect(recent.status).toBe(201);
  expect(await removeUnattachedFiles(db.dataSource, TEST_FILES_DIR, 7, eightDaysLater)).toBe(0); // again: nothing more
});
