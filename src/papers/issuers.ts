import { Role } from "../auth/user.entity";
import type { Viewer } from "../auth/auth.types";
import { CommuneKind, type Commune, type Province } from "../geography/commune.entity";
import type { OfficialDocument } from "./pdf";

/** Who issues a document and signs it: the commune's People's Committee, or the province's department. */
export type Issuer = Pick<OfficialDocument, "superior" | "issuer" | "place" | "signatory"> & {
  /** The issuing body in a sentence ("UBND xã Bình Lư"). */
  short: string;
  /** The symbol's body part ("UBND" for a commune, "SNNMT" for the department). */
  body: string;
};

const UNIT_WORD: Record<CommuneKind, string> = {
  [CommuneKind.XA]: "xã",
  [CommuneKind.PHUONG]: "phường",
  [CommuneKind.DAC_KHU]: "đặc khu",
};

/** "xã Bình Lư", "phường Đoàn Kết". */
export const unitName = (commune: Pick<Commune, "kind" | "name">) =>
  `${UNIT_WORD[commune.kind]} ${commune.name}`;

/** The commune's People's Committee, under the province's. */
export const communeIssuer = (commune: Commune, province: Province): Issuer => ({
  superior: `UBND tỉnh ${province.name}`,
  issuer: `Ủy ban nhân dân ${unitName(commune)}`,
  short: `UBND ${unitName(commune)}`,
  body: "UBND",
  place: commune.name,
  signatory: { on: "TM. Ủy ban nhân dân", title: "Chủ tịch" },
});

/** The province's Department of Agriculture and Environment, which runs the programme. */
export const provinceIssuer = (province: Province): Issuer => ({
  superior: `UBND tỉnh ${province.name}`,
  issuer: "Sở Nông nghiệp và Môi trường",
  short: `Sở Nông nghiệp và Môi trường tỉnh ${province.name}`,
  body: "SNNMT",
  place: province.name,
  signatory: { title: "Giám đốc" },
});

/** A commune officer writes as the commune; the province's staff as the department. */
export const issuerFor = (viewer: Viewer, commune: Commune, province: Province): Issuer =>
  viewer.role === Role.COMMUNE_OFFICER ? communeIssuer(commune, province) : provinceIssuer(province);
