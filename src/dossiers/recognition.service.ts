import type { DataSource } from "typeorm";
import { requireViewer } from "../auth/auth.service";
import type { CatalogGeneration } from "../catalog/generation";
import { type Certificate, IssuingLevel } from "../certificates/certificate.entity";
import { issueCertificate } from "../certificates/certificate-issuer";
import { findByNumber } from "../certificates/certificate.service";
import { badInput, conflict } from "../core/errors";
import { requireNotFuture } from "../core/validation";
import type { RequestScope } from "../request";
import { type Dossier, DossierKind } from "./dossier.entity";
import type { CentralResultInput, RecognitionInput } from "./dossier.types";
import { runTransition, transitionDossier } from "./transition-runner";
import { DossierAction } from "./workflow";

/** After the council: the province's recognition (3★, 4★), the proposal to the Ministry and its decision. */
export class RecognitionService {
  constructor(
    private readonly dataSource: DataSource,
    /** Raised by the issuing transaction; told after commit so that this instance sees it at once. */
    private readonly generation: CatalogGeneration,
  ) {}

  recordRecognition(ctx: RequestScope, input: RecognitionInput): Promise<Certificate> {
    return this.recognise(ctx, input, DossierAction.RECORD_RECOGNITION, (d) => d.resultStars!);
  }

  proposeToCentral(ctx: RequestScope, id: string): Promise<Dossier> {
    // The guard (the average reaches the threshold) runs in the transition runner.
    return transitionDossier(this.dataSource, ctx, id, DossierAction.PROPOSE_TO_CENTRAL, async (d) => ({
      note: `average ${d.averageScore}, council's result ${d.resultStars} stars`,
    }));
  }

  recordCentralResult(ctx: RequestScope, input: CentralResultInput): Promise<Certificate> {
    return this.recognise(ctx, input, DossierAction.RECORD_CENTRAL_RESULT, () => input.stars);
  }

  private async recognise(
    ctx: RequestScope,
    input: RecognitionInput,
    action: DossierAction.RECORD_RECOGNITION | DossierAction.RECORD_CENTRAL_RESULT,
    starsOf: (d: Dossier) => number,
  ): Promise<Certificate> {
    const viewer = requireViewer(ctx);
    const decisionNumber = input.decisionNumber.trim();
    requireNotFuture(input.decisionDate, ctx.today, "input.decisionDate");
    // The number printed on the signed decision: the system never makes one up for a recognition.
    const number = input.certificateNumber?.trim();
    if (!number) throw badInput("recognition.numberRequired", "input.certificateNumber");
    const { result } = await runTransition(
      this.dataSource,
      ctx,
      input.dossierId,
      action,
      async (d, m, facts) => {
        if (await findByNumber(m, number)) throw conflict("certificate.numberTaken", { number });
        const stars = starsOf(d);
        const certificate = await issueCertificate(m, {
          productId: d.productId,
          stars,
          decisionNumber,
          decisionDate: input.decisionDate,
          number,
          issuedBy:
            action === DossierAction.RECORD_CENTRAL_RESULT && stars === 5
              ? IssuingLevel.CENTRAL
              : IssuingLevel.PROVINCE,
          actorId: viewer.id,
          replaces: d.kind === DossierKind.NEW ? "none" : "current",
          rules: (await facts()).rules,
          at: ctx.now,
        });
        return {
          result: certificate,
          changes: { certificateId: certificate.id },
          note: `${decisionNumber} of ${input.decisionDate}: ${certificate.stars} stars, certificate ${certificate.number}`,
        };
      },
    );
    this.generation.changed();
    return result!;
  }
}
