import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { lexicographicSortSchema, printSchema, specifiedDirectives, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import {
  CatalogQueryResolver,
  CategoryResolver,
  ProducerFieldResolver,
  ProductFacetsResolver,
  ProductFieldResolver,
  ProductSuggestionResolver,
} from "./catalog/catalog.resolver";
import { StoredFileResolver } from "./files/stored-file.resolver";
import { NodeResolver } from "./catalog/node.resolver";
import {
  ProducerContactResolver,
  ProductContentFieldResolver,
  ProductContentResolver,
  ProductImageFieldResolver,
} from "./content/content.resolver";
import { LabelsResolver } from "./http/labels.resolver";
import { authChecker } from "./auth/auth-checker";
import { AuthResolver } from "./auth/auth.resolver";
import { CertificateResolver, RevocationListResolver } from "./certificates/certificate.resolver";
import { CertificateLifecycleResolver, ExpiryNoticeResolver } from "./certificates/lifecycle.resolver";
import { InspectionResolver, RevocationResolver } from "./oversight/oversight.resolver";
import { cacheControlDirective } from "./core/cache";
import { projectRoot } from "./core/paths";
import { StaffCatalogResolver } from "./catalog/staff-catalog.resolver";
import { DossierDocumentResolver, DossierDocumentsResolver } from "./dossiers/documents.resolver";
import { DossierEventResolver, DossierResolver } from "./dossiers/dossier.resolver";
import {
  CommuneWorkResolver,
  DocumentConfirmationResolver,
  SupplementRequestResolver,
} from "./dossiers/commune-work.resolver";
import { PapersResolver } from "./papers/papers.resolver";
import {
  DossierSelfAssessmentsResolver,
  PotentialSelfAssessmentsResolver,
  SelfAssessmentResolver,
} from "./programme/self-assessment.resolver";
import { DossierRecognitionResolver } from "./dossiers/recognition.resolver";
import { EvaluationRoundResolver } from "./dossiers/rounds.resolver";
import {
  DossierScoringResolver,
  RuleSetResolver,
  FindingResolver,
  MemberLevelResolver,
  ScoreSheetResolver,
  ScoreSubmissionResolver,
} from "./dossiers/scoring.resolver";
import { CommuneResolver } from "./geography/geography.resolver";
import { ImportResolver } from "./import/import.resolver";
import {
  PlanTargetResolver,
  PotentialProductResolver,
  ProgrammeResolver,
} from "./programme/programme.resolver";

export const SCHEMA_FILE = join(projectRoot(), "schema", "schema.graphql");

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema (built once per process: type-graphql's metadata is global). */
export function appSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [
      AuthResolver,
      CatalogQueryResolver,
      ProductFieldResolver,
      ProductSuggestionResolver,
      NodeResolver,
      ProducerFieldResolver,
      ProductFacetsResolver,
      ProductContentResolver,
      ProductContentFieldResolver,
      ProductImageFieldResolver,
      ProducerContactResolver,
      CategoryResolver,
      CertificateResolver,
      RevocationListResolver,
      CommuneResolver,
      ImportResolver,
      PotentialProductResolver,
      PlanTargetResolver,
      ProgrammeResolver,
      StaffCatalogResolver,
      EvaluationRoundResolver,
      DossierResolver,
      DossierDocumentsResolver,
      CommuneWorkResolver,
      DocumentConfirmationResolver,
      SupplementRequestResolver,
      SelfAssessmentResolver,
      PapersResolver,
      ExpiryNoticeResolver,
      DossierSelfAssessmentsResolver,
      PotentialSelfAssessmentsResolver,
      DossierScoringResolver,
      DossierRecognitionResolver,
      DossierEventResolver,
      ScoreSubmissionResolver,
      ScoreSheetResolver,
      FindingResolver,
      MemberLevelResolver,
      RuleSetResolver,
      DossierDocumentResolver,
      StoredFileResolver,
      LabelsResolver,
      CertificateLifecycleResolver,
      InspectionResolver,
      RevocationResolver,
    ],
    // The standard directives (@include, @skip, @deprecated, @specifiedBy) stay beside our own.
    directives: [...specifiedDirectives, cacheControlDirective],
    authChecker,
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  });
  return built;
}

/** The SDL committed at schema/schema.graphql, sorted so that diffs stay readable. */
export function printAppSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

export async function writeSchemaFile(): Promise<string> {
  const sdl = printAppSchema(await appSchema());
  writeFileSync(SCHEMA_FILE, sdl);
  return SCHEMA_FILE;
}
