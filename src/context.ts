import type { AuthService } from "./auth/auth.service";
import type { CatalogService } from "./catalog/catalog.service";
import type { ChangeFeed } from "./catalog/change-feed";
import type { ProductContentService } from "./content/content.service";
import type { CertificateService } from "./certificates/certificate.service";
import type { SignedLabels } from "./certificates/signed-label";
import type { CertificateLifecycleService } from "./certificates/lifecycle.service";
import type { DossierDocumentService } from "./dossiers/documents.service";
import type { DossierService } from "./dossiers/dossier.service";
import type { RecognitionService } from "./dossiers/recognition.service";
import type { RoundService } from "./dossiers/rounds.service";
import type { ScoringService } from "./dossiers/scoring.service";
import type { CommuneWorkService } from "./dossiers/commune-work.service";
import type { SelfAssessmentService } from "./programme/self-assessment.service";
import type { PaperService } from "./papers/papers.service";
import type { MailOutbox } from "./mail/outbox";
import type { DailySweep } from "./catalog/daily-sweep";
import type { ExpiryMailService } from "./certificates/notice-mail.service";
import type { GeographyService } from "./geography/geography.service";
import type { StaffProducerService } from "./catalog/staff-producers.service";
import type { StaffProductService } from "./catalog/staff-products.service";
import type { ImportService } from "./import/import.service";
import type { OversightService } from "./oversight/oversight.service";
import type { ProgrammeFigures } from "./programme/figures.service";
import type { PotentialProductService } from "./programme/register.service";
import type { PlanTargetService } from "./programme/targets.service";
import type { RequestScope } from "./request";

/** The services of the app: singletons over the data source; each method takes the request context first. */
export interface Services {
  auth: AuthService;
  catalog: CatalogService;
  changeFeed: ChangeFeed;
  content: ProductContentService;
  certificates: CertificateService;
  signedLabels: SignedLabels;
  geography: GeographyService;
  staffProducers: StaffProducerService;
  staffProducts: StaffProductService;
  rounds: RoundService;
  dossiers: DossierService;
  dossierDocuments: DossierDocumentService;
  scoring: ScoringService;
  communeWork: CommuneWorkService;
  selfAssessments: SelfAssessmentService;
  papers: PaperService;
  outbox: MailOutbox;
  dailySweep: DailySweep;
  expiryMail: ExpiryMailService;
  recognition: RecognitionService;
  lifecycle: CertificateLifecycleService;
  imports: ImportService;
  oversight: OversightService;
  potentialProducts: PotentialProductService;
  planTargets: PlanTargetService;
  programmeFigures: ProgrammeFigures;
}

/** Everything a resolver may use for one request: the request's scope and the services. */
export interface Context extends RequestScope {
  services: Services;
}
