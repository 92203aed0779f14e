import { Role } from "../auth/user.entity";
import { ProducerKind } from "../catalog/producer.entity";
import { CertificateStatus, IssuingLevel, RevocationAuthority } from "../certificates/certificate.entity";
import { NoticeAuthority, NoticeChannel } from "../certificates/expiry-notice.entity";
import { DocumentKind, DossierKind } from "../dossiers/dossier.entity";
import { DossierAction, DossierStatus } from "../dossiers/workflow";
import { RecommendationStatus, ViolationKind } from "../oversight/oversight.entity";
import { PotentialProductSource, PotentialProductStatus } from "../programme/programme.entity";

export type Lang = "vi" | "en";

/** The enums an officer sees, with the words to show for each value: the schema keeps the codes. */
export const LABELLED_ENUMS = {
  DossierStatus,
  DossierAction,
  DossierKind,
  DocumentKind,
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
export type EnumName = keyof typeof LABELLED_ENUMS;
type Labels = {
  [E in EnumName]: Record<(typeof LABELLED_ENUMS)[E][keyof (typeof LABELLED_ENUMS)[E]] & string, string>;
};

export const LABELS: Record<Lang, Labels> = {
  vi: {
    DossierStatus: {
      DRAFT: "Đang soạn",
      SUBMITTED: "Đã nộp",
      RETURNED: "Trả lại để bổ sung",
      COMMUNE_REVIEWED: "Xã đã đánh giá",
      FORWARDED: "Đã gửi lên tỉnh",
      UNDER_REVIEW: "Hội đồng đang chấm",
      SCORED: "Đã có kết quả chấm",
      PROPOSED_TO_CENTRAL: "Đã đề nghị Bộ công nhận 5 sao",
      RECOGNIZED: "Đã công nhận",
      NOT_ACHIEVED: "Không đạt",
      WITHDRAWN: "Đã rút",
    },
    DossierAction: {
      ATTACH_DOCUMENT: "Đính kèm giấy tờ",
      REMOVE_DOCUMENT: "Gỡ giấy tờ",
      SUBMIT: "Nộp hồ sơ",
      RETURN: "Trả lại hồ sơ",
      RECORD_COMMUNE_REPORT: "Ghi kết quả đánh giá của xã",
      FORWARD: "Gửi hồ sơ lên tỉnh",
      ACCEPT: "Tiếp nhận hồ sơ",
      SUBMIT_SCORE_SHEET: "Nộp phiếu chấm",
      CONCLUDE_EVALUATION: "Kết luận đánh giá",
      RECORD_RECOGNITION: "Ghi quyết định công nhận",
      PROPOSE_TO_CENTRAL: "Đề nghị Bộ công nhận 5 sao",
      RECORD_CENTRAL_RESULT: "Ghi kết quả của Bộ",
      WITHDRAW: "Rút hồ sơ",
      RECORD_SAMPLES: "Ghi nhận sản phẩm mẫu",
    },
    DossierKind: { NEW: "Đánh giá lần đầu", RE_EVALUATION: "Đánh giá lại", UPGRADE: "Nâng hạng sao" },
    DocumentKind: {
      REGISTRATION_FORM: "Phiếu đăng ký sản phẩm",
      BUSINESS_PLAN: "Phương án/kế hoạch kinh doanh",
      ORGANISATION_PROFILE: "Bản giới thiệu chủ thể",
      BUSINESS_REGISTRATION: "Bản sao giấy đăng ký kinh doanh",
      PRODUCT_REPORT: "Báo cáo của chủ thể về sản phẩm trong 3 năm qua",
      FOOD_SAFETY_CERTIFICATE: "Giấy chứng nhận an toàn thực phẩm",
      QUALITY_DECLARATION: "Bản tự công bố chất lượng",
      TEST_REPORT: "Phiếu kết quả kiểm nghiệm",
      TRADEMARK: "Giấy chứng nhận nhãn hiệu",
      TRACEABILITY: "Hồ sơ truy xuất nguồn gốc",
      CONTRACT: "Hợp đồng liên kết",
      ENVIRONMENTAL_RECORD: "Hồ sơ môi trường",
      VIETGAP_OR_ORGANIC: "Chứng nhận VietGAP/hữu cơ",
      PRODUCT_STORY: "Câu chuyện sản phẩm",
      OTHER: "Giấy tờ khác",
    },
    ViolationKind: {
      LOGO_MISUSE: "Sử dụng sai biểu trưng OCOP",
      LABEL_NONCOMPLIANT: "Nhãn không đúng quy định",
      QUALITY_FAILURE: "Không bảo đảm chất lượng",
      CONDITIONS_NOT_MAINTAINED: "Không duy trì điều kiện công nhận",
      OTHER: "Vi phạm khác",
    },
    Role: {
      ADMIN: "Quản trị hệ thống",
      PROVINCE_OFFICER: "Cán bộ cấp tỉnh",
      COUNCIL_MEMBER: "Thành viên hội đồng",
      COMMUNE_OFFICER: "Cán bộ cấp xã",
    },
    CertificateStatus: {
      ACTIVE: "Còn hiệu lực",
      EXPIRED: "Hết hạn",
      REVOKED: "Đã thu hồi",
      SUPERSEDED: "Đã được thay thế",
    },
    RecommendationStatus: {
      PENDING: "Chờ tỉnh quyết định",
      ACCEPTED: "Đã thu hồi",
      REJECTED: "Không thu hồi",
    },
    NoticeChannel: {
      LETTER: "Công văn",
      PHONE: "Điện thoại",
      EMAIL: "Thư điện tử",
      SMS: "Tin nhắn",
      IN_PERSON: "Trực tiếp",
    },
    NoticeAuthority: { PROVINCE: "tỉnh", COMMUNE: "xã" },
    PotentialProductStatus: {
      PROPOSED: "Đề xuất",
      SELECTED: "Đã chọn",
      IN_PREPARATION: "Đang chuẩn bị hồ sơ",
      DOSSIER_OPENED: "Đã lập hồ sơ",
      CERTIFIED: "Đã được công nhận",
      DROPPED: "Không tiếp tục",
    },
    PotentialProductSource: {
      REVIEW: "Rà soát sản phẩm hiện có",
      NEW_DISCOVERY: "Phát hiện mới",
      PRODUCER_REQUEST: "Chủ thể đề nghị",
    },
    RevocationAuthority: { PROVINCE: "UBND tỉnh", MINISTRY: "Bộ Nông nghiệp và Môi trường" },
    IssuingLevel: { PROVINCE: "UBND tỉnh", DISTRICT: "UBND huyện", CENTRAL: "Bộ Nông nghiệp và Môi trường" },
    ProducerKind: {
      HTX: "Hợp tác xã",
      DOANH_NGHIEP: "Doanh nghiệp",
      HO_KINH_DOANH: "Hộ kinh doanh",
      TO_HOP_TAC: "Tổ hợp tác",
    },
  },
  en: {
    DossierStatus: {
      DRAFT: "Draft",
      SUBMITTED: "Submitted",
      RETURNED: "Returned for correction",
      COMMUNE_REVIEWED: "Reviewed by the commune",
      FORWARDED: "Forwarded to the province",
      UNDER_REVIEW: "Being scored by the council",
      SCORED: "Scored",
      PROPOSED_TO_CENTRAL: "Proposed to the Ministry for 5 stars",
      RECOGNIZED: "Recognised",
      NOT_ACHIEVED: "Not achieved",
      WITHDRAWN: "Withdrawn",
    },
    DossierAction: {
      ATTACH_DOCUMENT: "Attach a document",
      REMOVE_DOCUMENT: "Remove a document",
      SUBMIT: "Submit the dossier",
      RETURN: "Return the dossier",
      RECORD_COMMUNE_REPORT: "Record the commune's evaluation",
      FORWARD: "Forward to the province",
      ACCEPT: "Accept the dossier",
      SUBMIT_SCORE_SHEET: "Submit a score sheet",
      CONCLUDE_EVALUATION: "Conclude the evaluation",
      RECORD_RECOGNITION: "Record the recognition decision",
      PROPOSE_TO_CENTRAL: "Propose to the Ministry for 5 stars",
      RECORD_CENTRAL_RESULT: "Record the Ministry's decision",
      WITHDRAW: "Withdraw the dossier",
      RECORD_SAMPLES: "Record the product samples",
    },
    DossierKind: { NEW: "First evaluation", RE_EVALUATION: "Re-evaluation", UPGRADE: "Upgrade" },
    DocumentKind: {
      REGISTRATION_FORM: "Product registration form",
      BUSINESS_PLAN: "Business plan",
      ORGANISATION_PROFILE: "Profile of the producer",
      BUSINESS_REGISTRATION: "Copy of the business registration",
      PRODUCT_REPORT: "Producer's report on the product over the past three years",
      FOOD_SAFETY_CERTIFICATE: "Food-safety certificate",
      QUALITY_DECLARATION: "Quality self-declaration",
      TEST_REPORT: "Test report",
      TRADEMARK: "Trademark certificate",
      TRACEABILITY: "Traceability records",
      CONTRACT: "Supply contract",
      ENVIRONMENTAL_RECORD: "Environmental records",
      VIETGAP_OR_ORGANIC: "VietGAP or organic certificate",
      PRODUCT_STORY: "Product story",
      OTHER: "Other document",
    },
    ViolationKind: {
      LOGO_MISUSE: "Misuse of the OCOP logo",
      LABEL_NONCOMPLIANT: "Non-compliant label",
      QUALITY_FAILURE: "Quality not maintained",
      CONDITIONS_NOT_MAINTAINED: "Conditions of recognition not maintained",
      OTHER: "Other violation",
    },
    Role: {
      ADMIN: "Administrator",
      PROVINCE_OFFICER: "Province officer",
      COUNCIL_MEMBER: "Council member",
      COMMUNE_OFFICER: "Commune officer",
    },
    CertificateStatus: { ACTIVE: "Active", EXPIRED: "Expired", REVOKED: "Revoked", SUPERSEDED: "Superseded" },
    RecommendationStatus: {
      PENDING: "Waiting for the province",
      ACCEPTED: "Revoked",
      REJECTED: "Not revoked",
    },
    NoticeChannel: {
      LETTER: "Letter",
      PHONE: "Phone",
      EMAIL: "E-mail",
      SMS: "Text message",
      IN_PERSON: "In person",
    },
    NoticeAuthority: { PROVINCE: "province", COMMUNE: "commune" },
    PotentialProductStatus: {
      PROPOSED: "Proposed",
      SELECTED: "Selected",
      IN_PREPARATION: "Dossier in preparation",
      DOSSIER_OPENED: "Dossier opened",
      CERTIFIED: "Certified",
      DROPPED: "Dropped",
    },
    PotentialProductSource: {
      REVIEW: "Review of an existing product",
      NEW_DISCOVERY: "New discovery",
      PRODUCER_REQUEST: "Producer's request",
    },
    RevocationAuthority: {
      PROVINCE: "Provincial People's Committee",
      MINISTRY: "Ministry of Agriculture and Environment",
    },
    IssuingLevel: {
      PROVINCE: "Provincial People's Committee",
      DISTRICT: "District People's Committee",
      CENTRAL: "Ministry of Agriculture and Environment",
    },
    ProducerKind: {
      HTX: "Cooperative",
      DOANH_NGHIEP: "Enterprise",
      HO_KINH_DOANH: "Household business",
      TO_HOP_TAC: "Cooperative group",
    },
  },
};

export function label(lang: Lang, enumName: EnumName, value: string): string {
  return (LABELS[lang][enumName] as Record<string, string>)[value] ?? value;
}
