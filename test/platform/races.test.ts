// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { buildSchema, isObjectType } from "graphql";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import request from "supertest";
import { AuditEvent } from "../../src/audit/audit-event.entity";
import { Role } from "../../src/auth/user.entity";
import {
  Dossier,
  DocumentKind,
  DossierDocument,
  DossierKind,
  ScoreSheet,
} from "../../src/dossiers/dossier.entity";
import { DossierStatus } from "../../src/dossiers/workflow";
import { RecommendationStatus, RevocationRecommendation } from "../../src/oversight/oversight.entity";
import {
  PotentialProduct,
  PotentialProductSource,
  PotentialProductStatus,
} from "../../src/programme/programme.entity";
import { FixedClock } from "../support/http";
import { Certificate } from "../../src/certificates/certificate.entity";
import { ProductImage } from "../../src/content/product-image.entity";
import { makeProduct, makeProducer, makeUser } from "../support/factory";
import { Producer } from "../../src/catalog/producer.entity";
import { Product } from "../../src/catalog/product.entity";
import {
  cameraPhoto,
  choicesFor,
  dossierIn,
  fileOf,
  signIn,
  uploadPhoto,
  useStaffApp,
  type StaffApp,
} from "../support/staff";

/**
 * Every creating or transitioning mutation, fired 20 times at once with the same input: exactly one effect
 * (one audit event of the named action), never a 500, and every other answer either the same success (a
 * repeat that changes nothing) or one of the codes listed. A new mutation must be added here: the first
 * test compares this table with the schema.
 */
type Race = {
  action: string;
  losers?: string[];
  setup: (
    t: StaffApp,
  ) => Promise<{ query: string; variables: Record<string, unknown>; headers: Record<string, string> }>;
};

const DEFAULT_LOSERS = ["CONFLICT", "INVALID_TRANSITION"];
/** Not raced: they change no record (login is throttled, and tested for bursts in auth.test.ts). */
const NOT_RACED = ["login"];

const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
const TODAY = "2026-06-15";

const byId = (mutation: string, field: string, args = "(id: $id)") =>
  `mutation($id: ID!) { ${mutation}${args} { ${field} } }`;
const withInput = (mutation: string, type: string, field: string) =>
  `mutation($input: ${type}!) { ${mutation}(input: $input) { ${field} } }`;

const dossier =
  (status: DossierStatus, extra: Parameters<typeof dossierIn>[2] extends infer O ? Partial<O> : never = {}) =>
  async (t: StaffApp) =>
    (await dossierIn(t.db.dataSource, status, { createdBy: t.staff.binhLu.user, ...extra })).dossier;

/** The documents a NEW dossier needs (reference/rule-sets). */
const MANDATORY_DOCUMENTS = [
  DocumentKind.REGISTRATION_FORM,
  DocumentKind.BUSINESS_PLAN,
  DocumentKind.ORGANISATION_PROFILE,
  DocumentKind.BUSINESS_REGISTRATION,
];

async function withMandatoryDocuments(t: StaffApp, status: DossierStatus) {
  const d = await dossier(status)(t);
  for (const kind of MANDATORY_DOCUMENTS) {
    const { file } = await fileOf(t.db.dataSource, t.staff.binhLu.user);
    await t.db.dataSource.manager.save(
      t.db.dataSource.manager.create(DossierDocument, {
        dossierId: d.id,
        kind,
        title: kind,
        fileId: file.id,
        validUntil: null,
        attachedById: t.staff.binhLu.user.id,
      }),
    );
  }
  return d;
}

async function certified(t: StaffApp) {
  return (
    await makeProduct(t.db.dataSource, {
      name: `Chè ${Math.random()}`,
      communeCode: "03390",
      decisionDate: "2024-01-10",
    })
  ).certificate!;
}

const RACES: Record<string, Race> = {
  createUser: {
    action: "USER_CREATED",
    setup: async (t) => ({
      query: withInput("createUser", "CreateUserInput", "id"),
      variables: {
        input: {
          email: "moi@test.ocop.vn",
          fullName: "Cán bộ mới",
          role: "PROVINCE_OFFICER",
          password: "a long enough passphrase 7",
        },
      },
      headers: t.staff.admin.headers,
    }),
  },
  setUserActive: {
    action: "USER_DEACTIVATED",
    setup: async (t) => ({
      query: "mutation($id: ID!) { setUserActive(id: $id, active: false) { id } }",
      variables: { id: String((await makeUser(t.db.dataSource, Role.PROVINCE_OFFICER)).id) },
      headers: t.staff.admin.headers,
    }),
  },
  resetUserPassword: {
    action: "PASSWORD_RESET",
    setup: async (t) => ({
      query: 'mutation($id: ID!) { resetUserPassword(id: $id, password: "reset by the admin 9") { id } }',
      variables: { id: String((await makeUser(t.db.dataSource, Role.PROVINCE_OFFICER)).id) },
      headers: t.staff.admin.headers,
    }),
  },
  changePassword: {
    action: "PASSWORD_CHANGED",
    // After the first change the old password is wrong (BAD_USER_INPUT), and after 10 wrong ones the account waits.
    losers: ["CONFLICT", "BAD_USER_INPUT", "RATE_LIMITED"],
    setup: async (t) => {
      const me = await signIn(t.app.gql, await makeUser(t.db.dataSource, Role.PROVINCE_OFFICER));
      return {
        query:
          'mutation { changePassword(oldPassword: "correct horse battery", newPassword: "my new long passphrase 3") { token } }',
        variables: {},
        headers: me.headers,
      };
    },
  },
  createProducer: {
    action: "PRODUCER_CREATED",
    setup: async (t) => ({
      query: withInput("createProducer", "CreateProducerInput", "id"),
      variables: { input: { name: "HTX Đua", kind: "HTX", communeCode: "03390" } },
      headers: t.staff.binhLu.headers,
    }),
  },
  updateProducer: {
    action: "PRODUCER_UPDATED",
    setup: async (t) => ({
      query: withInput("updateProducer", "UpdateProducerInput", "name"),
      variables: { input: { id: String((await makeProducer(t.db.dataSource)).id), name: "HTX Đổi tên" } },
      headers: t.staff.binhLu.headers,
    }),
  },
  createProduct: {
    action: "PRODUCT_CREATED",
    setup: async (t) => ({
      query: withInput("createProduct", "CreateProductInput", "id"),
      variables: {
        input: {
          producerId: String((await makeProducer(t.db.dataSource)).id),
          name: "Mật ong đua",
          categoryCode: "I.2.b",
        },
      },
      headers: t.staff.binhLu.headers,
    }),
  },
  updateProduct: {
    action: "PRODUCT_UPDATED",
    setup: async (t) => ({
      query: withInput("updateProduct", "UpdateProductInput", "name"),
      variables: {
        input: {
          id: String((await makeProduct(t.db.dataSource, { name: "Gạo", decisionDate: null })).product.id),
          name: "Gạo tám",
        },
      },
      headers: t.staff.binhLu.headers,
    }),
  },
  addProductImage: {
    action: "PRODUCT_IMAGE_ADDED",
    setup: async (t) => {
      const uploaded = await uploadPhoto(t.app.app, t.staff.binhLu.headers, await cameraPhoto(400, 300));
      const { product } = await makeProduct(t.db.dataSource, { name: "Chè có ảnh", decisionDate: null });
      return {
        query: withInput("addProductImage", "ProductImageInput", "id"),
        variables: { input: { productId: String(product.id), fileId: uploaded.body.id, alt: "Chè" } },
        headers: t.staff.binhLu.headers,
      };
    },
  },
  updateProductImage: {
    action: "PRODUCT_IMAGE_UPDATED",
    setup: async (t) => ({
      query: withInput("updateProductImage", "UpdateProductImageInput", "id"),
      variables: { input: { id: String((await photosOf(t, 1))[0].id), alt: "Ảnh mới" } },
      headers: t.staff.binhLu.headers,
    }),
  },
  removeProductImage: {
    action: "PRODUCT_IMAGE_REMOVED",
    losers: ["NOT_FOUND"],
    setup: async (t) => ({
      query: byId("removeProductImage", "id"),
      variables: { id: String((await photosOf(t, 1))[0].id) },
      headers: t.staff.binhLu.headers,
    }),
  },
  orderProductImages: {
    action: "PRODUCT_IMAGES_ORDERED",
    setup: async (t) => {
      const [first, second] = await photosOf(t, 2);
      return {
        query: withInput("orderProductImages", "OrderProductImagesInput", "id"),
        variables: {
          input: { productId: String(first.productId), imageIds: [String(second.id), String(first.id)] },
        },
        headers: t.staff.binhLu.headers,
      };
    },
  },
  setProductPointsOfSale: {
    action: "PRODUCT_POINTS_OF_SALE_SET",
    setup: async (t) => ({
      query: withInput("setProductPointsOfSale", "SetPointsOfSaleInput", "id"),
      variables: {
        input: {
          productId: String((await makeProduct(t.db.dataSource, { name: "Gạo bán ở chợ" })).product.id),
          pointsOfSale: [{ name: "Chợ Bình Lư", latitude: 22.4, longitude: 103.46 }],
        },
      },
      headers: t.staff.binhLu.headers,
    }),
  },
  deleteProduct: {
    action: "PRODUCT_DELETED",
    losers: ["CONFLICT", "NOT_FOUND"],
    setup: async (t) => ({
      query: `mutation($id: ID!) { deleteProduct(id: $id) }`,
      variables: {
        id: String(
          (await makeProduct(t.db.dataSource, { name: "Nhập nhầm", decisionDate: null })).product.id,
        ),
      },
      headers: t.staff.binhLu.headers,
    }),
  },
  archiveProduct: {
    action: "PRODUCT_ARCHIVED",
    setup: async (t) => ({
      query: `mutation($id: ID!) { archiveProduct(id: $id) { id } }`,
      variables: { id: String((await makeProduct(t.db.dataSource, { name: "Ngừng bán" })).product.id) },
      headers: t.staff.binhLu.headers,
    }),
  },
  importCertifiedProducts: {
    action: "IMPORT_APPLIED",
    setup: async (t) => {
      const csv = [
        "Tên sản phẩm,Bộ sản phẩm,Chủ thể,Loại hình,Xã/phường,Hạng sao,Số quyết định,Ngày quyết định",
        "Miến dong đua,I.1.a,HTX Đua nhập,Hợp tác xã,Xã Bình Lư,3 sao,77/QĐ-ĐUA,10/01/2025",
      ].join("\n");
      const file = await request(t.app.app)
        .post("/files")
        .set(t.staff.province.headers)
        .field("purpose", "import")
        .attach("file", Buffer.from(csv), "dua.csv");
      return {
        query: `mutation($id: ID!) { importCertifiedProducts(fileId: $id, dryRun: false) { applied } }`,
        variables: { id: file.body.id as string },
        headers: t.staff.province.headers,
      };
    },
  },
  openEvaluationRound: {
    action: "ROUND_OPENED",
    setup: async (t) => ({
      query: withInput("openEvaluationRound", "OpenEvaluationRoundInput", "id"),
      variables: { input: { name: "Đợt đua", year: 2026, submissionDeadline: "2026-10-31" } },
      headers: t.staff.province.headers,
    }),
  },
  extendSubmissionDeadline: {
    action: "DEADLINE_EXTENDED",
    setup: async (t) => {
      const { round } = await dossierIn(t.db.dataSource, DossierStatus.DRAFT, {
        createdBy: t.staff.binhLu.user,
      });
      return {
        query:
          'mutation($id: ID!) { extendSubmissionDeadline(roundId: $id, submissionDeadline: "2100-01-31") { id } }',
        variables: { id: String(round.id) },
        headers: t.staff.province.headers,
      };
    },
  },
  createDossier: {
    action: "CREATE",
    setup: async (t) => {
      const { round, product } = await dossierIn(t.db.dataSource, DossierStatus.WITHDRAWN, {
        createdBy: t.staff.binhLu.user,
      });
      return {
        query: withInput("createDossier", "CreateDossierInput", "id"),
        variables: { input: { productId: String(product.id), roundId: String(round.id), kind: "NEW" } },
        headers: t.staff.binhLu.headers,
      };
    },
  },
  attachDossierDocument: {
    action: "ATTACH_DOCUMENT",
    setup: async (t) => {
      const d = await dossier(DossierStatus.DRAFT)(t);
      const { file } = await fileOf(t.db.dataSource, t.staff.binhLu.user);
      return {
        query: withInput("attachDossierDocument", "AttachDossierDocumentInput", "id"),
        variables: {
          input: {
            dossierId: String(d.id),
            kind: "TEST_REPORT",
            title: "Phiếu kiểm nghiệm",
            fileId: String(file.id),
          },
        },
        headers: t.staff.binhLu.headers,
      };
    },
  },
  removeDossierDocument: {
    action: "REMOVE_DOCUMENT",
    losers: [...DEFAULT_LOSERS, "NOT_FOUND"],
    setup: async (t) => {
      const d = await dossier(DossierStatus.DRAFT)(t);
      const { document } = await fileOf(t.db.dataSource, t.staff.binhLu.user, d.id);
      return {
        query: byId("removeDossierDocument", "id"),
        variables: { id: String(document!.id) },
        headers: t.staff.binhLu.headers,
      };
    },
  },
  carryOverDocuments: {
    action: "ATTACH_DOCUMENT",
    setup: async (t) => {
      const { dossier: earlier } = await dossierIn(t.db.dataSource, DossierStatus.RECOGNIZED, {
        kind: DossierKind.RE_EVALUATION,
        createdBy: t.staff.binhLu.user,
      });
      const { document } = await fileOf(t.db.dataSource, t.staff.binhLu.user, earlier.id);
      const current = await t.db.dataSource.manager.save(
        t.db.dataSource.manager.create(Dossier, {
          ...earlier,
          id: undefined,
          code: `C-${Math.random().toString(36).slice(2, 10)}`,
          status: DossierStatus.DRAFT,
          openKey: 1,
          version: 1,
        }),
      );
      return {
        query:
          "mutation($id: ID!, $docs: [ID!]!) { carryOverDocuments(dossierId: $id, documentIds: $docs) { id } }",
        variables: { id: String(current.id), docs: [String(document!.id)] },
        headers: t.staff.binhLu.headers,
      };
    },
  },
  submitDossier: {
    action: "SUBMIT",
    setup: async (t) => ({
      query: byId("submitDossier", "status"),
      variables: { id: String((await withMandatoryDocuments(t, DossierStatus.DRAFT)).id) },
      headers: t.staff.binhLu.headers,
    }),
  },
  returnDossier: {
    action: "RETURN",
    setup: async (t) => ({
      query: 'mutation($id: ID!) { returnDossier(id: $id, reason: "Thiếu bản sao") { status } }',
      variables: { id: String((await dossier(DossierStatus.SUBMITTED)(t)).id) },
      headers: t.staff.binhLu.headers,
    }),
  },
  recordCommuneReport: {
    action: "RECORD_COMMUNE_REPORT",
    setup: async (t) => {
      // "Not met" whatever the grade: "met" with a grade below the criterion's 3-star mark is refused.
      const verdict = (optionCode: string) => ({ met: false, optionCode });
      return {
        query: withInput("recordCommuneReport", "CommuneReportInput", "status"),
        variables: {
          input: {
            dossierId: String((await dossier(DossierStatus.SUBMITTED)(t)).id),
            localOrigin: verdict("A.1.a.3"),
            localLabour: verdict("A.3.c.2"),
            ideaOrigin: verdict("A.2.a.2"),
            localIdentity: verdict("B.5.b.2"),
          },
        },
        headers: t.staff.binhLu.headers,
      };
    },
  },
  forwardDossier: {
    action: "FORWARD",
    setup: async (t) => ({
      query: byId("forwardDossier", "status"),
      variables: { id: String((await dossier(DossierStatus.COMMUNE_REVIEWED)(t)).id) },
      headers: t.staff.binhLu.headers,
    }),
  },
  recordProductSamples: {
    action: "RECORD_SAMPLES",
    setup: async (t) => ({
      query: `mutation($id: ID!) { recordProductSamples(dossierId: $id, count: 3, receivedOn: "${TODAY}") { id } }`,
      variables: { id: String((await dossier(DossierStatus.DRAFT)(t)).id) },
      headers: t.staff.binhLu.headers,
    }),
  },
  withdrawDossier: {
    action: "WITHDRAW",
    setup: async (t) => ({
      query: byId("withdrawDossier", "status"),
      variables: { id: String((await dossier(DossierStatus.DRAFT)(t)).id) },
      headers: t.staff.binhLu.headers,
    }),
  },
  acceptDossier: {
    action: "ACCEPT",
    setup: async (t) => ({
      query: byId("acceptDossier", "status"),
      variables: { id: String((await dossier(DossierStatus.FORWARDED)(t)).id) },
      headers: t.staff.province.headers,
    }),
  },
  submitCriteriaScoreSheet: {
    action: "SUBMIT_SCORE_SHEET",
    setup: async (t) => ({
      query: `mutation($dossierId: ID!, $choices: [CriterionChoiceInput!]!) {
        submitCriteriaScoreSheet(dossierId: $dossierId, choices: $choices) { total } }`,
      variables: {
        dossierId: String((await dossier(DossierStatus.UNDER_REVIEW)(t)).id),
        choices: choicesFor(4),
      },
      headers: t.staff.council[0].headers,
    }),
  },
  concludeEvaluation: {
    action: "CONCLUDE_EVALUATION",
    setup: async (t) => {
      const d = await dossier(DossierStatus.UNDER_REVIEW)(t);
      await councilSheets(t, d.id);
      return {
        query: byId("concludeEvaluation", "status"),
        variables: { id: String(d.id) },
        headers: t.staff.province.headers,
      };
    },
  },
  recordMandatoryFinding: {
    action: "RECORD_MANDATORY_FINDING",
    setup: async (t) => {
      const d = await dossier(DossierStatus.UNDER_REVIEW)(t);
      // Two members meet A.1.a's 3★ mark, one does not: a disputed mark.
      await councilSheets(t, d.id, (i) => (i ? [] : [{ stars: 3, criterionCode: "A.1.a" }]));
      const { document } = await fileOf(t.db.dataSource, t.staff.province.user, d.id);
      return {
        query: withInput("recordMandatoryFinding", "MandatoryFindingInput", "id"),
        variables: {
          input: {
            dossierId: String(d.id),
            criterionCode: "A.1.a",
            stars: 3,
            met: true,
            reason: "Đạt theo phiếu kiểm nghiệm",
            documentId: String(document!.id),
          },
        },
        headers: t.staff.province.headers,
      };
    },
  },
  closeDossierWithoutCertificate: {
    action: "CLOSE_WITHOUT_CERTIFICATE",
    setup: async (t) => ({
      query: 'mutation($id: ID!) { closeDossierWithoutCertificate(id: $id, reason: "Không ký") { status } }',
      variables: { id: String((await dossier(DossierStatus.SCORED, { resultStars: 4 })(t)).id) },
      headers: t.staff.province.headers,
    }),
  },
  recordRecognition: {
    action: "RECORD_RECOGNITION",
    setup: async (t) => ({
      query: withInput("recordRecognition", "RecognitionInput", "number"),
      variables: {
        input: {
          dossierId: String((await dossier(DossierStatus.SCORED, { resultStars: 4 })(t)).id),
          decisionNumber: "12/QĐ-UBND",
          decisionDate: TODAY,
          certificateNumber: `GCN-${Math.random()}`,
        },
      },
      headers: t.staff.province.headers,
    }),
  },
  proposeToCentral: {
    action: "PROPOSE_TO_CENTRAL",
    setup: async (t) => ({
      query: byId("proposeToCentral", "status"),
      variables: { id: String((await dossier(DossierStatus.SCORED, { resultStars: 5 })(t)).id) },
      headers: t.staff.province.headers,
    }),
  },
  recordCentralResult: {
    action: "RECORD_CENTRAL_RESULT",
    setup: async (t) => ({
      query: withInput("recordCentralResult", "CentralResultInput", "number"),
      variables: {
        input: {
          dossierId: String((await dossier(DossierStatus.PROPOSED_TO_CENTRAL, { resultStars: 5 })(t)).id),
          decisionNumber: "99/QĐ-BNN",
          decisionDate: TODAY,
          stars: 5,
          certificateNumber: `GCN-${Math.random()}`,
        },
      },
      headers: t.staff.province.headers,
    }),
  },
  recordExpiryNotice: {
    action: "EXPIRY_NOTICE_RECORDED",
    setup: async (t) => ({
      query: withInput("recordExpiryNotice", "ExpiryNoticeInput", "number"),
      variables: {
        input: { certificateNumber: (await certified(t)).number, sentOn: TODAY, channel: "PHONE" },
      },
      headers: t.staff.binhLu.headers,
    }),
  },
  recordInspection: {
    action: "INSPECTION_RECORDED",
    setup: async (t) => ({
      query: withInput("recordInspection", "InspectionInput", "id"),
      variables: {
        input: {
          productId: String((await certified(t)).productId),
          inspectedOn: TODAY,
          logoUseCompliant: true,
        },
      },
      headers: t.staff.binhLu.headers,
    }),
  },
  recommendRevocation: {
    action: "REVOCATION_RECOMMENDED",
    setup: async (t) => ({
      query: withInput("recommendRevocation", "RevocationRecommendationInput", "id"),
      variables: {
        input: {
          certificateNumber: (await certified(t)).number,
          reason: "Dùng sai logo",
          grounds: ["LOGO_MISUSE"],
        },
      },
      headers: t.staff.binhLu.headers,
    }),
  },
  rejectRevocationRecommendation: {
    action: "REVOCATION_REJECTED",
    setup: async (t) => {
      const certificate = await certified(t);
      const rec = await t.db.dataSource.manager.save(
        t.db.dataSource.manager.create(RevocationRecommendation, {
          certificateId: certificate.id,
          communeCode: "03390",
          reason: "x",
          violationIds: [],
          status: RecommendationStatus.PENDING,
          recommendedById: t.staff.binhLu.user.id,
          decidedById: null,
          decisionNote: null,
        }),
      );
      return {
        query:
          'mutation($id: ID!) { rejectRevocationRecommendation(id: $id, reason: "Chưa đủ căn cứ") { id } }',
        variables: { id: String(rec.id) },
        headers: t.staff.province.headers,
      };
    },
  },
  proposeRevocationToMinistry: {
    action: "REVOCATION_PROPOSED_TO_MINISTRY",
    losers: ["CONFLICT"],
    setup: async (t) => ({
      query: withInput("proposeRevocationToMinistry", "MinistryRevocationProposalInput", "number"),
      variables: {
        input: {
          certificateNumber: (
            await makeProduct(t.db.dataSource, {
              name: `Năm sao ${Math.random()}`,
              stars: 5,
              decisionDate: "2024-01-10",
            })
          ).certificate!.number,
          letterNumber: "9/UBND",
          letterDate: TODAY,
          reason: "Không duy trì chất lượng",
          grounds: ["QUALITY_NOT_MAINTAINED"],
        },
      },
      headers: t.staff.province.headers,
    }),
  },
  proposePotentialProduct: {
    action: "POTENTIAL_PRODUCT_PROPOSED",
    losers: ["CONFLICT"],
    setup: async (t) => ({
      query: withInput("proposePotentialProduct", "PotentialProductInput", "id"),
      variables: {
        input: {
          name: `Măng đắng ${Math.random()}`,
          categoryCode: "I.1.a",
          communeCode: "03390",
          source: "NEW_DISCOVERY",
        },
      },
      headers: t.staff.binhLu.headers,
    }),
  },
  setPotentialProductStatus: {
    action: "POTENTIAL_PRODUCT_STATUS",
    setup: async (t) => ({
      query: `mutation($id: ID!) { setPotentialProductStatus(id: $id, status: SELECTED) { status } }`,
      variables: { id: String((await potential(t)).id) },
      headers: t.staff.binhLu.headers,
    }),
  },
  openPotentialProductDossier: {
    action: "CREATE",
    setup: async (t) => {
      const p = await potential(t, PotentialProductStatus.SELECTED);
      const { round } = await dossierIn(t.db.dataSource, DossierStatus.DRAFT, {
        createdBy: t.staff.binhLu.user,
      });
      return {
        query: `mutation($id: ID!, $round: ID!) {
          openPotentialProductDossier(id: $id, roundId: $round, producer: { name: "HTX Đua mở hồ sơ", kind: HTX }) { id } }`,
        variables: { id: String(p.id), round: String(round.id) },
        headers: t.staff.binhLu.headers,
      };
    },
  },
  proposeUpgradeCandidate: {
    action: "POTENTIAL_PRODUCT_PROPOSED",
    losers: ["CONFLICT"],
    setup: async (t) => ({
      query: withInput("proposeUpgradeCandidate", "UpgradeCandidateInput", "id"),
      variables: { input: { productId: String((await certified(t)).productId), targetStars: 5 } },
      headers: t.staff.binhLu.headers,
    }),
  },
  recordSelfAssessment: {
    action: "RECORD_SELF_ASSESSMENT",
    setup: async (t) => ({
      query: withInput("recordSelfAssessment", "SelfAssessmentInput", "id"),
      variables: { input: { potentialProductId: String((await potential(t)).id), choices: choicesFor(1) } },
      headers: t.staff.binhLu.headers,
    }),
  },
  recordDossierReceipt: {
    action: "RECORD_RECEIPT",
    setup: async (t) => ({
      query: `mutation($id: ID!) { recordDossierReceipt(dossierId: $id, receivedOn: "${TODAY}") { receivedOn } }`,
      variables: { id: String((await dossier(DossierStatus.SUBMITTED)(t)).id) },
      headers: t.staff.binhLu.headers,
    }),
  },
  confirmDossierDocument: {
    action: "CONFIRM_DOCUMENT",
    setup: async (t) => {
      const d = await dossier(DossierStatus.SUBMITTED)(t);
      const { document } = await fileOf(t.db.dataSource, t.staff.binhLu.user, d.id);
      return {
        query: withInput("confirmDossierDocument", "ConfirmDossierDocumentInput", "id"),
        variables: { input: { documentId: String(document!.id), status: "NOT_VALID", reason: "Hết hạn" } },
        headers: t.staff.binhLu.headers,
      };
    },
  },
  requestDossierSupplement: {
    action: "REQUEST_SUPPLEMENT",
    setup: async (t) => ({
      query: withInput("requestDossierSupplement", "SupplementRequestInput", "status"),
      variables: {
        input: {
          dossierId: String((await dossier(DossierStatus.SUBMITTED)(t)).id),
          items: [{ kind: "TEST_REPORT", note: "Phiếu kiểm nghiệm còn hạn" }],
          dueOn: TODAY,
        },
      },
      headers: t.staff.binhLu.headers,
    }),
  },
  attachGeneratedDocument: {
    action: "ATTACH_DOCUMENT",
    setup: async (t) => ({
      query: `mutation($id: ID!) { attachGeneratedDocument(dossierId: $id, kind: COMMUNE_REQUEST_LETTER) { id } }`,
      variables: { id: String((await dossier(DossierStatus.COMMUNE_REVIEWED)(t)).id) },
      headers: t.staff.binhLu.headers,
    }),
  },
  sendExpiryNotice: {
    action: "EXPIRY_NOTICE_RECORDED",
    setup: async (t) => {
      const certificate = await certified(t);
      await t.db.dataSource
        .getRepository(Producer)
        .update(
          (await t.db.dataSource.getRepository(Product).findOneByOrFail({ id: certificate.productId }))
            .producerId,
          {
            email: "htx@example.vn",
          },
        );
      return {
        query: `mutation($n: String!) { sendExpiryNotice(certificateNumber: $n) { id } }`,
        variables: { n: certificate.number },
        headers: t.staff.binhLu.headers,
      };
    },
  },
  sendExpiryNotices: {
    action: "EXPIRY_NOTICE_RECORDED",
    setup: async (t) => {
      const { certificate, product } = await makeProduct(t.db.dataSource, {
        name: `Sắp hết hạn ${Math.random()}`,
        communeCode: "03595",
        decisionDate: "2023-07-01",
        expiresOn: "2026-07-01",
      });
      await t.db.dataSource.getRepository(Producer).update(product.producerId, { email: "htx@example.vn" });
      expect(certificate).not.toBeNull();
      return {
        query: `mutation { sendExpiryNotices(communeCode: "03595", withinDays: 30) { queued { id } } }`,
        variables: {},
        headers: t.staff.thanUyen.headers,
      };
    },
  },
  setPlanTarget: {
    action: "PLAN_TARGET_SET",
    setup: async (t) => ({
      query: withInput("setPlanTarget", "PlanTargetInput", "year"),
      variables: {
        input: {
          year: 2030, // within 2018–2100 (a random year reached 2101–2109 one run in ten)
          communeCode: "03390",
          newProducts: 2,
          upgrades: 1,
          reEvaluations: 0,
        },
      },
      headers: t.staff.province.headers,
    }),
  },
  recordMinistryRefusal: {
    action: "MINISTRY_REFUSED_REVOCATION",
    setup: async (t) => {
      const { certificate } = await makeProduct(t.db.dataSource, {
        name: `Năm sao ${Math.random()}`,
        stars: 5,
        decisionDate: "2024-01-10",
      });
      await t.db.dataSource.manager.update(Certificate, certificate!.id, {
        ministryRevocationProposal: {
          letterNumber: "9/UBND",
          letterDate: TODAY,
          grounds: [],
          reason: "x",
          proposedById: t.staff.province.user.id,
        },
      });
      return {
        query: withInput("recordMinistryRefusal", "MinistryRefusalInput", "number"),
        variables: {
          input: {
            certificateNumber: certificate!.number,
            letterNumber: "3/BNN",
            letterDate: TODAY,
            reason: "Chưa đủ căn cứ",
          },
        },
        headers: t.staff.province.headers,
      };
    },
  },
  revokeCertificate: {
    action: "CERTIFICATE_REVOKED",
    setup: async (t) => ({
      query: withInput("revokeCertificate", "RevokeCertificateInput", "number"),
      variables: {
        input: {
          certificateNumber: (await certified(t)).number,
          decisionNumber: "5/QĐ",
          decisionDate: TODAY,
          reason: "Vi phạm",
          grounds: ["LOGO_MISUSE"],
        },
      },
      headers: t.staff.province.headers,
    }),
  },
};

/** The three members' sheets written directly (per criterion, 75 points), with the marks each falls short of. */
async function councilSheets(
  t: StaffApp,
  dossierId: number,
  unmet: (member: number) => { stars: number; criterionCode: string }[] = () => [],
) {
  const choices = choicesFor(4).map((c) => ({ ...c, points: 0 }));
  for (const [i, member] of t.staff.council.entries())
    await t.db.dataSource.manager.save(
      t.db.dataSource.manager.create(ScoreSheet, {
        dossierId,
        memberId: member.user.id,
        partA: 30,
        partB: 20,
        partC: 25,
        total: 75,
        mandatoryStarsMet: unmet(i).length ? 2 : 4,
        choices,
        unmetMandatory: unmet(i),
      }),
    );
}

/** A potential product of Bình Lư in the register. */
async function potential(t: StaffApp, status = PotentialProductStatus.PROPOSED) {
  return t.db.dataSource.manager.save(
    t.db.dataSource.manager.create(PotentialProduct, {
      name: `Rượu ${Math.random()}`,
      categoryCode: "I.1.a",
      communeCode: "03390",
      producerId: null,
      contact: null,
      source: PotentialProductSource.REVIEW,
      note: null,
      plannedYear: null,
      status,
      dropReason: null,
      productId: null,
      dossierId: null,
      createdById: t.staff.binhLu.user.id,
    }),
  );
}

const t = useStaffApp(clock);

/** Photos of a new product of Bình Lư, written directly (their bytes are not needed). */
async function photosOf(t: StaffApp, count: number): Promise<ProductImage[]> {
  const m = t.db.dataSource.manager;
  const { product } = await makeProduct(t.db.dataSource, { name: "Sản phẩm có ảnh" });
  const { file } = await fileOf(t.db.dataSource, t.staff.binhLu.user);
  return m.save(
    Array.from({ length: count }, (_, position) =>
      m.create(ProductImage, {
        productId: product.id,
        position,
        fileId: file.id,
        sha256: String(position).repeat(64),
        width: 960,
        height: 720,
        alt: `Ảnh ${position + 1}`,
        altEn: null,
      }),
    ),
  );
}

it("covers every mutation of the schema", () => {
  const schema = buildSchema(readFileSync(join(__dirname, "..", "..", "schema", "schema.graphql"), "utf8"));
  const mutation = schema.getMutationType();
  expect(isObjectType(mutation)).toBe(true);
  expect(
    Object.keys(mutation!.getFields())
      .filter((f) => !NOT_RACED.includes(f))
      .sort(),
  ).toEqual(Object.keys(RACES).sort());
});

describe.each(Object.entries(RACES))("20 at once: %s", (mutation, race) => {
  it("makes exactly one change with one audit event, and never a 500", async () => {
    const { query, variables, headers } = await race.setup(t);
    const events = () => t.db.dataSource.getRepository(AuditEvent).countBy({ action: race.action });
    const before = await events();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(t.app.app).post("/graphql").set(headers).send({ query, variables }),
      ),
    );
    const outcomes = answers.map((r) => (r.body.errors ? r.body.errors[0].extensions.code : "OK"));
    expect(answers.map((r) => r.status).filter((s) => s >= 500)).toEqual([]);
    expect(outcomes).toContain("OK");
    expect(outcomes.filter((o) => o !== "OK" && !(race.losers ?? DEFAULT_LOSERS).includes(o))).toEqual([]);
    expect((await events()) - before).toBe(1);
  });
});

it("never gives one product two current certificates, even from two dossiers recognised at once", async () => {
  const first = await dossierIn(t.db.dataSource, DossierStatus.SCORED, {
    createdBy: t.staff.binhLu.user,
    resultStars: 4,
  });
  const second = await t.db.dataSource.manager.save(
    t.db.dataSource.manager.create(Dossier, {
      ...first.dossier,
      id: undefined,
      code: `R-${Math.random().toString(36).slice(2, 10)}`,
      roundId: (await dossierIn(t.db.dataSource, DossierStatus.WITHDRAWN, { createdBy: t.staff.binhLu.user }))
        .round.id,
    }),
  );
  const recognise = (id: number) =>
    request(t.app.app)
      .post("/graphql")
      .set(t.staff.province.headers)
      .send({
        query: withInput("recordRecognition", "RecognitionInput", "number"),
        variables: {
          // A number each: only the product's lock, not the number's uniqueness, may decide the race.
          input: {
            dossierId: String(id),
            decisionNumber: "15/QĐ-UBND",
            decisionDate: TODAY,
            certificateNumber: `15/GCN-${Math.random()}`,
          },
        },
      });
  const answers = await Promise.all([
    recognise(first.dossier.id),
    recognise(second.id),
    recognise(first.dossier.id),
    recognise(second.id),
  ]);
  const outcomes = answers.map((r) => (r.body.errors ? r.body.errors[0].extensions.code : "OK"));
  expect(outcomes.filter((o) => o === "OK")).toHaveLength(1);
  expect(
    outcomes.filter((o) => o !== "OK").every((o) => ["CONFLICT", "INVALID_TRANSITION"].includes(o)),
  ).toBe(true);
  const certificates = await t.db.dataSource.query(
    "SELECT COUNT(*) AS n FROM certificate WHERE productId = ?",
    [first.product.id],
  );
  expect(Number(certificates[0].n)).toBe(1);
});
