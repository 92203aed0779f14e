import { type IssuingLevel } from "../certificates/certificate.entity";
import type { ProducerKind } from "../catalog/producer.entity";
import { type LocalDate } from "../core/time";
import type { CommuneNames } from "../geography/commune-names";
import type { Commune } from "../geography/commune.entity";
import type { Category } from "../catalog/category.entity";
import { type RuleSet } from "../rules/rule-set.entity";

/**
 * A record the file refers to: an existing row (id set) or one the import would create. `changes` holds
 * each field's value before the import and after it; `setBy` the line that gave each field its value, so
 * that two lines disagreeing about one record are reported instead of the later one silently winning.
 */
export type Tracked<F> = {
  uid: number;
  id: number | null;
  fields: F;
  isNew: boolean;
  line: number;
  changes: Map<string, [unknown, unknown]>;
  setBy: Map<string, { value: unknown; line: number }>;
};

export type ProducerFields = {
  name: string;
  kind: ProducerKind;
  registrationNumber: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  communeCode: string;
};
export type ProductFields = {
  name: string;
  slug: string | null;
  categoryCode: string;
  communeCode: string;
  producer: Tracked<ProducerFields>;
};
export type CertificateFields = {
  number: string | null;
  stars: number;
  decisionNumber: string;
  decisionDate: LocalDate;
  expiresOn: LocalDate;
  issuedBy: IssuingLevel;
  revokedOn: LocalDate | null;
  product: Tracked<ProductFields>;
};

/** What exists before the import, as the planner needs it. */
export type ExistingState = {
  producers: ({ id: number } & ProducerFields)[];
  products: {
    id: number;
    name: string;
    slug: string;
    categoryCode: string;
    communeCode: string;
    producerId: number;
  }[];
  certificates: ({ id: number; productId: number; fromWorkflow: boolean } & Omit<
    CertificateFields,
    "product"
  >)[];
  communes: CommuneNames;
  communeByCode: Map<string, Commune>;
  productSets: Category[];
  ruleSets: RuleSet[];
};

/**
 * Who imports: the province (every commune) or a commune officer (rows of that commune only); and the
 * day from which the province records recognitions in the system (IMPORT_DECISIONS_BEFORE): an import is
 * the history before it.
 */
export type ImportScope = { communeCode: string | null; decisionsBefore?: LocalDate | null };
