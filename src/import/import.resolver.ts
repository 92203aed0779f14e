import {
  Arg,
  Authorized,
  Ctx,
  Field,
  ID,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  registerEnumType,
} from "type-graphql";
import { Role } from "../auth/user.entity";
import type { Context } from "../context";
import { currentLang, render } from "../i18n/messages";
import type { Problem } from "./columns";
import type { ImportReport } from "./import.service";

export enum ProblemSeverity {
  ERROR = "ERROR",
  WARNING = "WARNING",
}
registerEnumType(ProblemSeverity, {
  name: "ProblemSeverity",
  description:
    "ERROR: the row (or file) cannot be imported, and a real run writes nothing; WARNING: imported as noted.",
});

@ObjectType({
  description: "Producers, products and certificates, counted once each however many rows name them.",
})
class ImportCounts {
  @Field(() => Int)
  producers: number;

  @Field(() => Int)
  products: number;

  @Field(() => Int)
  certificates: number;
}

@ObjectType({ description: "A problem of the file, with where it is." })
class ImportProblem {
  @Field(() => Int, {
    nullable: true,
    description: "Line of the file (the header is line 1); null for the whole file.",
  })
  line: number | null;

  @Field(() => String, { nullable: true, description: "The column's header, as the template names it." })
  column: string | null;

  @Field(() => ProblemSeverity)
  severity: ProblemSeverity;

  @Field({ description: "In the request's language (Vietnamese by default for staff)." })
  message: string;
}

/** At most this many problems are listed; errorCount and warningCount count them all. */
export const PROBLEMS_LISTED = 1000;

@ObjectType("ImportReport", { description: "What an import did, or would do (dry run)." })
class ImportReportType {
  @Field()
  dryRun: boolean;

  @Field({ description: "true when the file was written: not a dry run, and no errors." })
  applied: boolean;

  @Field(() => Int, { description: "Data rows in the file." })
  rows: number;

  @Field(() => ImportCounts)
  created: ImportCounts;

  @Field(() => ImportCounts)
  updated: ImportCounts;

  @Field(() => ImportCounts)
  unchanged: ImportCounts;

  @Field(() => Int)
  errorCount: number;

  @Field(() => Int)
  warningCount: number;

  @Field(() => [ImportProblem], {
    description: `Errors and warnings by line (at most ${PROBLEMS_LISTED}).`,
  })
  problems: ImportProblem[];
}

@Resolver()
export class ImportResolver {
  @Authorized(Role.PROVINCE_OFFICER, Role.COMMUNE_OFFICER)
  @Mutation(() => ImportReportType, {
    description:
      "Imports the certified products recognised before the system (IMPORT_DECISIONS_BEFORE), their producers and certificates, from a spreadsheet uploaded with POST /files (purpose=import); the template is GET /import/template.xlsx. A second run of the same file changes nothing. With any error nothing is written; dryRun: true reports and writes nothing. Applying is for the province (and administrators); a commune officer may dry-run the rows of its commune only. Refused rows: a product whose latest certificate is revoked, a change to or a successor of a certificate the workflow issued, stars the issuing level cannot grant, a decision date in the future or from IMPORT_DECISIONS_BEFORE on, the template's example row.",
  })
  async importCertifiedProducts(
    @Ctx() ctx: Context,
    @Arg("fileId", () => ID) fileId: string,
    @Arg("dryRun", () => Boolean) dryRun: boolean,
  ): Promise<ImportReportType> {
    return reportFor(await ctx.services.imports.importUploaded(ctx, fileId, dryRun));
  }
}

function reportFor(report: ImportReport): ImportReportType {
  const lang = currentLang();
  const message = (p: Problem): ImportProblem => ({
    line: p.line,
    column: p.column,
    severity: p.severity as ProblemSeverity,
    message: render(lang, p.key, p.params),
  });
  return {
    ...report,
    errorCount: report.problems.filter((p) => p.severity === "ERROR").length,
    warningCount: report.problems.filter((p) => p.severity === "WARNING").length,
    problems: report.problems.slice(0, PROBLEMS_LISTED).map(message),
  };
}
