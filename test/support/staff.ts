import { readFileSync } from "node:fs";
import { join } from "node:path";
import request from "supertest";
import type { Express } from "express";
import type { DataSource } from "typeorm";
import { Role, type User } from "../../src/auth/user.entity";
import {
  DocumentConfirmationStatus,
  Dossier,
  DossierDocument,
  DocumentKind,
  DossierKind,
} from "../../src/dossiers/dossier.entity";
import { EvaluationRound } from "../../src/dossiers/round.entity";
import { RuleSet } from "../../src/rules/rule-set.entity";
import { CLOSED } from "../../src/dossiers/transition-runner";
import { DossierStatus } from "../../src/dossiers/workflow";
import { type CaseChoice, criteriaScored } from "../../src/rules/scoring";
import { type LocalDate, vietnamDate } from "../../src/core/time";
import { op } from "./operations";
import { StoredFile } from "../../src/files/stored-file.entity";
import { criteriaSheetsIn } from "../../src/rules/rule-book";
import sharp from "sharp";
import { makeProduct, makeUser, TEST_PASSWORD } from "./factory";
import type { Clock } from "../../src/core/time";
import { clearTestData, openTestDb, type TestDb } from "./db";
import { testApp, type GqlResult } from "./http";

export const PDF = Buffer.from(
  "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);
export const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);

export type Staff = { user: User; headers: Record<string, string> };

/** Logs in over GraphQL and answers the user with its Authorization header. */
export async function signIn(
  gql: (q: string, v?: Record<string, unknown>) => Promise<GqlResult>,
  user: User,
): Promise<Staff> {
  const r = await gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, {
    e: user.email,
    p: TEST_PASSWORD,
  });
  if (!r.body.data?.login) throw new Error(JSON.stringify(r.body));
  return { user, headers: { authorization: `Bearer ${r.body.data.login.token}` } };
}

/** One user per role: two commune officers (Bình Lư 03390, Than Uyên 03595), three council members. */
export async function makeStaff(
  ds: DataSource,
  gql: (q: string, v?: Record<string, unknown>) => Promise<GqlResult>,
) {
  const s = async (role: Role, commune: string | null = null) =>
    signIn(gql, await makeUser(ds, role, commune));
  return {
    admin: await s(Role.ADMIN),
    province: await s(Role.PROVINCE_OFFICER),
    council: [await s(Role.COUNCIL_MEMBER), await s(Role.COUNCIL_MEMBER), await s(Role.COUNCIL_MEMBER)],
    binhLu: await s(Role.COMMUNE_OFFICER, "03390"),
    thanUyen: await s(Role.COMMUNE_OFFICER, "03595"),
  };
}
export type StaffSet = Awaited<ReturnType<typeof makeStaff>>;

export async function upload(
  app: Express,
  headers: Record<string, string>,
  content: Buffer = PDF,
  filename = "giay-dang-ky.pdf",
) {
  return request(app).post("/files").set(headers).attach("file", content, filename);
}

/**
 * A camera's photo: a JPEG of this size with EXIF that says where it was taken (GPS), who took it and which
 * way up it is, as phones write them.
 */
export function cameraPhoto(width = 1600, height = 1200, colour = "#c08040"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: "PhoneMaker", Model: "Camera 12", Artist: "Nguyễn Văn A", Orientation: "1" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "22/1 23/1 4512/100",
        GPSLongitudeRef: "E",
        GPSLongitude: "103/1 27/1 3100/100",
      },
    })
    .toBuffer();
}

/** Uploads a product photo (POST /files, purpose image). */
export function uploadPhoto(
  app: Express,
  headers: Record<string, string>,
  content: Buffer,
  filename = "anh-san-pham.jpg",
) {
  return request(app).post("/files").set(headers).field("purpose", "image").attach("file", content, filename);
}

/** A round, a product of Bình Lư and a dossier already in `status`, built directly in the database. */
export async function dossierIn(
  ds: DataSource,
  status: DossierStatus,
  opts: {
    kind?: DossierKind;
    deadline?: string;
    createdBy: User;
    resultStars?: number;
    /** The product's set (default I.2.b, criteria sheet 4). */
    categoryCode?: string;
  },
) {
  const round = await ds.manager.save(
    ds.manager.create(EvaluationRound, {
      name: `Đợt thử ${Math.random().toString(36).slice(2, 8)}`,
      year: 2025,
      submissionDeadline: opts.deadline ?? "2099-12-31",
      firstDeadline: opts.deadline ?? "2099-12-31",
      minCouncilSize: 3,
      createdAt: new Date("2025-01-02T00:00:00Z"),
    }),
  );
  const { product } = await makeProduct(ds, {
    name: `Sản phẩm ${status}`,
    communeCode: "03390",
    categoryCode: opts.categoryCode,
    decisionDate: opts.kind && opts.kind !== DossierKind.NEW ? "2023-01-10" : null,
  });
  const dossier = await ds.manager.save(
    ds.manager.create(Dossier, {
      code: `T-${Math.random().toString(36).slice(2, 12)}`,
      productId: product.id,
      roundId: round.id,
      communeCode: "03390",
      kind: opts.kind ?? DossierKind.NEW,
      status,
      openKey: CLOSED.includes(status) ? null : 1,
      version: 1,
      createdById: opts.createdBy.id,
      resultStars: opts.resultStars ?? null,
      averageScore: opts.resultStars ? (opts.resultStars === 5 ? 92 : 75) : null,
    }),
  );
  // Reviewed by the commune: every document the rules ask to forward is attached and confirmed.
  if (status === DossierStatus.COMMUNE_REVIEWED || status === DossierStatus.FORWARDED)
    await confirmedDocuments(ds, dossier, opts.createdBy);
  return { round, product, dossier };
}

/** Every kind any rule set asks to forward a dossier of its kind, attached and CONFIRMED by `officer`. */
export async function confirmedDocuments(ds: DataSource, dossier: Dossier, officer: User) {
  const kinds = new Set(
    (await ds.getRepository(RuleSet).find()).flatMap((r) => [
      ...(r.documents?.[dossier.kind] ?? []),
      ...(r.forwardingDocuments?.kinds ?? []),
    ]),
  );
  for (const kind of kinds) {
    const { file } = await fileOf(ds, officer);
    await ds.manager.save(
      ds.manager.create(DossierDocument, {
        dossierId: dossier.id,
        kind: kind as DocumentKind,
        title: kind,
        fileId: file.id,
        validUntil: null,
        attachedById: officer.id,
        confirmationStatus: DocumentConfirmationStatus.CONFIRMED,
        confirmationReason: null,
        confirmedById: officer.id,
        confirmedAt: new Date("2025-01-03T00:00:00Z"),
      }),
    );
  }
}

/** A stored file row (no bytes) uploaded by `user`, and optionally a document of the dossier. */
export async function fileOf(ds: DataSource, user: User, dossierId?: number) {
  const file = await ds.manager.save(
    ds.manager.create(StoredFile, {
      sha256: "0".repeat(64),
      size: 1,
      contentType: "application/pdf",
      originalName: "x.pdf",
      uploadedById: user.id,
    }),
  );
  const document = dossierId
    ? await ds.manager.save(
        ds.manager.create(DossierDocument, {
          dossierId,
          kind: DocumentKind.OTHER,
          title: "Khác",
          fileId: file.id,
          validUntil: null,
          attachedById: user.id,
        }),
      )
    : null;
  return { file, document };
}

/** Signs everyone in again (after the test moved the clock past their tokens' 8 hours). */
export async function renewTokens(
  gql: (q: string, v?: Record<string, unknown>) => Promise<GqlResult>,
  staff: StaffSet,
): Promise<void> {
  for (const s of [staff.admin, staff.province, ...staff.council, staff.binhLu, staff.thanUyen])
    s.headers = (await signIn(gql, s.user)).headers;
}

export type StaffApp = { db: TestDb; app: Awaited<ReturnType<typeof testApp>>; staff: StaffSet };

/**
 * For a test file on the staff side: the test database emptied, one app on `clock` (with `config`), and one
 * signed-in user per role. Once for the file (the default), or afresh before each test (`each: true`). The
 * fields are filled in before the tests; the database is closed in afterAll.
 */
export function useStaffApp(
  clock: Clock,
  { each = false, config = {} }: { each?: boolean; config?: Parameters<typeof testApp>[2] } = {},
): StaffApp {
  const t = {} as StaffApp;
  const fresh = async () => {
    await clearTestData(t.db.dataSource);
    t.app = await testApp(t.db, clock, config);
    t.staff = await makeStaff(t.db.dataSource, t.app.gql);
  };
  beforeAll(async () => {
    t.db = await openTestDb();
    if (!each) await fresh();
  });
  if (each) beforeEach(fresh);
  afterAll(async () => {
    await t.db.dataSource.destroy();
  });
  return t;
}

/**
 * Choices for every criterion scored on a criteria sheet of Decision 148 (in a case group: of the chosen case):
 * `pick` gives the option's position (1-based) or null (none applies) per criterion code; by default the best
 * option of each.
 */
export function choicesFor(
  criteriaSet: number,
  pick: (criterionCode: string, optionCount: number) => number | null = (_c, n) => n,
  cases: CaseChoice[] = [],
) {
  const sheet = criteriaSheetsIn("criteria-148").get(criteriaSet)!;
  return criteriaScored(sheet, cases).map((c) => {
    const position = pick(c.code, c.options.length);
    return { criterionCode: c.code, optionCode: position === null ? null : `${c.code}.${position}` };
  });
}

/** A SCORED dossier of Bình Lư (4★) recognised through the API by the province: NEW, or a superseding re-evaluation. */
export async function recogniseThroughApi(
  t: StaffApp,
  kind: DossierKind,
  decisionDate: LocalDate,
): Promise<void> {
  const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.SCORED, {
    createdBy: t.staff.binhLu.user,
    kind,
    resultStars: 4,
  });
  const r = await t.app.gql(
    op("RecordRecognition"),
    {
      input: {
        dossierId: String(dossier.id),
        decisionNumber: `${dossier.id}/QĐ`,
        decisionDate,
        certificateNumber: `GCN-${dossier.id}`,
      },
    },
    t.staff.province.headers,
  );
  expect(r.body.errors).toBeUndefined();
}

/** A certificate revoked through the API by the province. */
export async function revokeThroughApi(
  t: StaffApp,
  certificateNumber: string,
  decisionNumber: string,
  decisionDate: LocalDate,
): Promise<void> {
  const r = await t.app.gql(
    op("RevokeCertificate"),
    {
      input: { certificateNumber, decisionNumber, decisionDate, reason: "Vi phạm", grounds: ["LOGO_MISUSE"] },
    },
    t.staff.province.headers,
  );
  expect(r.body.errors).toBeUndefined();
}

/** The import template (certified products of several communes) imported as the console import does. */
export async function importTemplate(t: StaffApp, now: Date, source: string): Promise<void> {
  const report = await t.app.services.imports.run({
    bytes: readFileSync(join(__dirname, "..", "fixtures", "import-template.csv")),
    source,
    dryRun: false,
    actorId: null,
    scope: { communeCode: null },
    now,
    today: vietnamDate(now),
  });
  expect(report.applied).toBe(true);
}
