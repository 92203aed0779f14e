import { ErrorCode } from "../../src/core/errors";
import { Role } from "../../src/auth/user.entity";
import { ProducerKind } from "../../src/catalog/producer.entity";
import {
  CertificateStatus,
  IssuingLevel,
  RevocationAuthority,
} from "../../src/certificates/certificate.entity";
import { NoticeAuthority, NoticeChannel } from "../../src/certificates/expiry-notice.entity";
import { DocumentConfirmationStatus, DocumentKind, DossierKind } from "../../src/dossiers/dossier.entity";
import { DossierAction, DossierStatus } from "../../src/dossiers/workflow";
import { LABELS, type EnumName } from "../../src/i18n/labels";
import { RecommendationStatus, ViolationKind } from "../../src/oversight/oversight.entity";
import { PotentialProductSource, PotentialProductStatus } from "../../src/programme/programme.entity";
import { CATALOGUE, enumRefs, render, type MessageKey } from "../../src/i18n/messages";

describe("the message catalogue", () => {
  it("has a message for every error code, and every message, in Vietnamese and English", () => {
    for (const code of Object.values(ErrorCode)) {
      for (const lang of ["vi", "en"] as const)
        expect(CATALOGUE[lang][`code.${code}` as MessageKey]).toEqual(expect.any(String));
    }
    expect(Object.keys(CATALOGUE.vi).sort()).toEqual(Object.keys(CATALOGUE.en).sort());
    for (const key of Object.keys(CATALOGUE.en) as MessageKey[]) {
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      // A Vietnamese sentence may leave out a technical detail, never a value the English one gives.
      expect(placeholders(CATALOGUE.vi[key]).filter((p) => p !== "detail")).toEqual(
        placeholders(CATALOGUE.en[key]).filter((p) => p !== "detail"),
      );
      expect(CATALOGUE.vi[key]).not.toBe("");
    }
  });

  it("labels every value of every enum an officer sees, in both languages", () => {
    // The enums labelled (i18n/, the ground floor, imports none of them): every one, every value.
    const LABELLED_ENUMS: Record<EnumName, Record<string, string>> = {
      DossierStatus,
      DossierAction,
      DossierKind,
      DocumentKind,
      DocumentConfirmationStatus,
      ViolationKind,
      Role,
      CertificateStatus,
      RecommendationStatus,
      NoticeChannel,
      NoticeAuthority,
      RevocationAuthority,
      IssuingLevel,
      ProducerKind,
      PotentialProductStatus,
      PotentialProductSource,
    };
    expect(Object.keys(LABELS.vi).sort()).toEqual(Object.keys(LABELLED_ENUMS).sort());
    expect(Object.keys(LABELS.en).sort()).toEqual(Object.keys(LABELLED_ENUMS).sort());
    for (const name of Object.keys(LABELLED_ENUMS) as EnumName[]) {
      const values = Object.values(LABELLED_ENUMS[name])
        .filter((v) => typeof v === "string")
        .sort();
      for (const lang of ["vi", "en"] as const)
        expect(Object.keys(LABELS[lang][name]).sort()).toEqual(values);
    }
  });

  it("names documents and fields in the officer's words, not enum codes", () => {
    expect(
      render("vi", "dossier.missingDocuments", {
        documents: enumRefs("DocumentKind", ["REGISTRATION_FORM", "BUSINESS_PLAN"]),
      }),
    ).toBe("Thiếu giấy tờ bắt buộc: Phiếu đăng ký sản phẩm, Phương án/kế hoạch kinh doanh.");
    expect(render("vi", "field.maxLength", { field: "input.violations.0.description", max: 2000 })).toBe(
      "Mô tả dài tối đa 2000 ký tự.",
    );
    expect(render("en", "field.maxLength", { field: "input.title", max: 255 })).toBe(
      "title may be at most 255 characters.",
    );
  });
});
