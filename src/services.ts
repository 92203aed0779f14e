import type { AppDeps } from "./app";
import type { DataSource } from "typeorm";
import { AuthService } from "./auth/auth.service";
import { TokenService } from "./auth/tokens";
import { type CatalogService } from "./catalog/catalog.service";
import { ChangeFeed } from "./catalog/change-feed";
import { ProductContentService } from "./content/content.service";
import { type CatalogGeneration } from "./catalog/generation";
import { StaffProducerService } from "./catalog/staff-producers.service";
import { StaffProductService } from "./catalog/staff-products.service";
import { DossierDocumentService } from "./dossiers/documents.service";
import { DossierService } from "./dossiers/dossier.service";
import { CommuneWorkService } from "./dossiers/commune-work.service";
import { SelfAssessmentService } from "./programme/self-assessment.service";
import { PaperService } from "./papers/papers.service";
import { MailOutbox } from "./mail/outbox";
import { DailySweep } from "./catalog/daily-sweep";
import { ExpiryMailService } from "./certificates/notice-mail.service";
import type { Clock } from "./core/time";
import type { Logger } from "pino";
import { RecognitionService } from "./dossiers/recognition.service";
import { RoundService } from "./dossiers/rounds.service";
import { ScoringService } from "./dossiers/scoring.service";
import { CertificateService } from "./certificates/certificate.service";
import { CertificateLifecycleService } from "./certificates/lifecycle.service";
import { DEFAULT_CERTIFICATE_NUMBER_PATTERN } from "./config";
import type { Services } from "./context";
import { type CursorCodec } from "./core/connection";
import { GeographyService } from "./geography/geography.service";
import { ImportService } from "./import/import.service";
import { OversightService } from "./oversight/oversight.service";
import { SignedLabels } from "./certificates/signed-label";
import type { SigningKeys } from "./signing/keys";
import { ProgrammeFigures } from "./programme/figures.service";
import { PotentialProductService } from "./programme/register.service";
import { PlanTargetService } from "./programme/targets.service";

/** What the services are built from. */
export type ServiceDeps = {
  dataSource: DataSource;
  config: AppDeps["config"];
  signingKeys: SigningKeys;
  generation: CatalogGeneration;
  cursors: CursorCodec;
  catalog: CatalogService;
  publicBaseUrl: string;
  clock: Clock;
  log: Logger;
};

/** The app's services: singletons over the primary data source. */
export function createServices({
  dataSource,
  config,
  signingKeys,
  generation,
  cursors,
  catalog,
  publicBaseUrl,
  clock,
  log,
}: ServiceDeps): Services {
  const scoring = new ScoringService(dataSource);
  const lifecycle = new CertificateLifecycleService(dataSource, generation);
  const signedLabels = new SignedLabels(signingKeys);
  const outbox = new MailOutbox(dataSource, { ...config, filesDir: config.filesDir }, clock, log);
  const papers = new PaperService(dataSource, {
    scoring,
    lifecycle,
    signedLabels,
    filesDir: config.filesDir,
    publicBaseUrl,
  });
  return {
    auth: new AuthService(
      dataSource,
      new TokenService(config.jwtSecret, config.jwtTtlHours),
      config.demo ?? false,
    ),
    catalog,
    changeFeed: new ChangeFeed(dataSource, cursors, catalog),
    content: new ProductContentService(dataSource, generation, config.filesDir, publicBaseUrl),
    staffProducers: new StaffProducerService(dataSource, generation, cursors),
    staffProducts: new StaffProductService(dataSource, generation, cursors),
    rounds: new RoundService(dataSource),
    dossiers: new DossierService(dataSource, cursors, scoring),
    dossierDocuments: new DossierDocumentService(dataSource),
    scoring,
    communeWork: new CommuneWorkService(dataSource),
    selfAssessments: new SelfAssessmentService(dataSource),
    recognition: new RecognitionService(dataSource, generation),
    lifecycle,
    oversight: new OversightService(dataSource, generation),
    potentialProducts: new PotentialProductService(dataSource, cursors),
    planTargets: new PlanTargetService(dataSource),
    programmeFigures: new ProgrammeFigures(dataSource),
    certificates: new CertificateService(),
    signedLabels,
    papers,
    outbox,
    dailySweep: new DailySweep(catalog, clock, log),
    expiryMail: new ExpiryMailService(dataSource, { outbox, papers, lifecycle, filesDir: config.filesDir }),
    geography: new GeographyService(),
    imports: new ImportService(
      dataSource,
      generation,
      config.certificateNumberPattern ?? DEFAULT_CERTIFICATE_NUMBER_PATTERN,
      config.filesDir,
      config.importDecisionsBefore ?? null,
    ),
  };
}
