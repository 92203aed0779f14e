import { AuditEvent } from "../audit/audit-event.entity";
import { User } from "../auth/user.entity";
import { Category } from "../catalog/category.entity";
import {
  CatalogCount,
  CatalogCountCommune,
  CatalogCountCommuneCategory,
  CatalogCountRollup,
} from "../catalog/counts.entity";
import { CatalogGenerationRow } from "../catalog/generation";
import { Producer } from "../catalog/producer.entity";
import { Product, ProductSearchToken } from "../catalog/product.entity";
import { Certificate, CertificateSequence } from "../certificates/certificate.entity";
import { Commune, Province } from "../geography/commune.entity";
import { RuleSet } from "../rules/rule-set.entity";
import { Dossier, DossierDocument, MandatoryFinding, ScoreSheet } from "../dossiers/dossier.entity";
import { EvaluationRound } from "../dossiers/round.entity";
import { StoredFile } from "../files/stored-file.entity";
import { ExpiryNotice } from "../certificates/expiry-notice.entity";
import { Inspection, RevocationRecommendation, Violation } from "../oversight/oversight.entity";
import { PlanTarget, PotentialProduct } from "../programme/programme.entity";
import { SelfAssessment } from "../programme/self-assessment.entity";
import { OutboxMail } from "../mail/outbox.entity";
import { PointOfSale } from "../content/point-of-sale.entity";
import { ProductImage } from "../content/product-image.entity";

/** Every entity the data source knows. */
export const entities = [
  Province,
  Commune,
  Category,
  Producer,
  Product,
  ProductSearchToken,
  Certificate,
  CertificateSequence,
  User,
  AuditEvent,
  RuleSet,
  EvaluationRound,
  Dossier,
  DossierDocument,
  ScoreSheet,
  MandatoryFinding,
  StoredFile,
  ExpiryNotice,
  Inspection,
  Violation,
  RevocationRecommendation,
  CatalogGenerationRow,
  CatalogCount,
  CatalogCountRollup,
  CatalogCountCommune,
  CatalogCountCommuneCategory,
  PotentialProduct,
  PlanTarget,
  SelfAssessment,
  OutboxMail,
  ProductImage,
  PointOfSale,
];
