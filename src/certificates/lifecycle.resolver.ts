import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { inViewerCommune } from "../auth/scope";
import { LocalDateScalar } from "../core/scalars";
import type { LocalDate } from "../core/time";
import type { Context } from "../context";
import { Certificate, groundsWithSource } from "./certificate.entity";
import { RevocationGround } from "../rules/rule-set.entity";
import { ExpiryNotice, NoticeChannel } from "./expiry-notice.entity";
import { firstNotice, firstWrittenNotice } from "./loaders";
import { LIFECYCLE_ROLES } from "./lifecycle.service";
import { OutboxMail } from "../mail/outbox.entity";
import { SentExpiryNotices } from "./notice-mail.service";
import {
  CommuneCertificates,
  ExpiryNoticeInput,
  ExpiringArgs,
  MinistryRevocationProposalRecord,
  RecognizedInArgs,
  SendNoticeArgs,
  SendNoticesArgs,
} from "./lifecycle.types";

@Resolver(() => ExpiryNotice)
export class ExpiryNoticeResolver {
  @FieldResolver(() => Certificate)
  async certificate(@Root() n: ExpiryNotice, @Ctx() ctx: Context): Promise<Certificate> {
    return (await ctx.loaders.certificate.load(n.certificateId))!;
  }

  @FieldResolver(() => OutboxMail, {
    nullable: true,
    description: "How its e-mail fared (null for a notice recorded without the outbox: a letter, a call…).",
  })
  delivery(@Root() n: ExpiryNotice, @Ctx() ctx: Context): Promise<OutboxMail | null> {
    return ctx.loaders.mailOfNotice.load(n.id);
  }
}

@Resolver(() => Certificate)
export class CertificateLifecycleResolver {
  @Authorized(...LIFECYCLE_ROLES)
  @Mutation(() => ExpiryNotice, {
    description:
      "E-mails the holder the expiry notice now (the EXPIRY_NOTICE letter attached as PDF): records the notice (EMAIL, today, your authority) and queues the mail in one transaction. Asking again the same day answers the notice already recorded and sends nothing. BAD_USER_INPUT when the producer has no e-mail address.",
  })
  sendExpiryNotice(
    @Ctx() ctx: Context,
    @Args() { certificateNumber }: SendNoticeArgs,
  ): Promise<ExpiryNotice> {
    return ctx.services.expiryMail.sendOne(ctx, certificateNumber);
  }

  @Authorized(...LIFECYCLE_ROLES)
  @Mutation(() => SentExpiryNotices, {
    description:
      "E-mails every holder of a certificate of the commune expiring within withinDays days (as expiringCertificates): idempotent per certificate and day.",
  })
  sendExpiryNotices(
    @Ctx() ctx: Context,
    @Args() { communeCode, withinDays }: SendNoticesArgs,
  ): Promise<SentExpiryNotices> {
    return ctx.services.expiryMail.sendAll(ctx, communeCode, withinDays);
  }

  @Authorized(...LIFECYCLE_ROLES)
  @Query(() => [Certificate], {
    description:
      "Current certificates expiring within withinDays days (and already expired ones not replaced, if includeExpired), oldest expiry first; commune officers see their commune.",
  })
  expiringCertificates(@Ctx() ctx: Context, @Args() args: ExpiringArgs): Promise<Certificate[]> {
    return ctx.services.lifecycle.expiring(ctx, args);
  }

  @Authorized(...LIFECYCLE_ROLES)
  @Mutation(() => Certificate, {
    description:
      "Records that the producer was told of the expiry: the province's letter, the commune's relay… (once per sender and day; flagged late after the notice period, judged on the first).",
  })
  recordExpiryNotice(
    @Ctx() ctx: Context,
    @Arg("input", () => ExpiryNoticeInput) input: ExpiryNoticeInput,
  ): Promise<Certificate> {
    return ctx.services.lifecycle.recordNotice(ctx, input);
  }

  @Authorized(...LIFECYCLE_ROLES)
  @Query(() => [CommuneCertificates], {
    description:
      "Certificates recognised in a year, per commune, with expiry and notice (also as GET /reports/certificates.csv).",
  })
  certificatesRecognizedIn(
    @Ctx() ctx: Context,
    @Args() args: RecognizedInArgs,
  ): Promise<CommuneCertificates[]> {
    return ctx.services.lifecycle.recognizedIn(ctx, args);
  }

  @Authorized()
  @FieldResolver(() => LocalDateScalar, {
    nullable: true,
    description: "Staff only: when the first expiry notice was sent.",
  })
  async noticeSentOn(@Root() c: Certificate, @Ctx() ctx: Context): Promise<LocalDate | null> {
    return (await noticeFor(ctx, c))?.sentOn ?? null;
  }

  @Authorized()
  @FieldResolver(() => NoticeChannel, { nullable: true, description: "Staff only." })
  async noticeChannel(@Root() c: Certificate, @Ctx() ctx: Context): Promise<NoticeChannel | null> {
    return (await noticeFor(ctx, c))?.channel ?? null;
  }

  @Authorized()
  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      "Staff only: was the first written notice (a letter or an e-mail, not a call) of the authority that issued the certificate sent later than the rules' notice period before expiry? Null before there is one.",
  })
  async noticeLate(@Root() c: Certificate, @Ctx() ctx: Context): Promise<boolean | null> {
    return firstWrittenNotice(c, await noticesOf(ctx, c))?.late ?? null;
  }

  @Authorized()
  @FieldResolver(() => [ExpiryNotice], { description: "Staff only: every expiry notice, first sent first." })
  async expiryNotices(@Root() c: Certificate, @Ctx() ctx: Context): Promise<ExpiryNotice[]> {
    return [...(await noticesOf(ctx, c))].sort((a, b) => a.sentOn.localeCompare(b.sentOn) || a.id - b.id);
  }

  @FieldResolver(() => [RevocationGround], {
    description: "The grounds the revocation decision cites (empty unless revoked, or when it cites none).",
  })
  revocationGrounds(@Root() c: Certificate): RevocationGround[] {
    return groundsWithSource(c.revocationGrounds);
  }

  @Authorized()
  @FieldResolver(() => MinistryRevocationProposalRecord, {
    nullable: true,
    description:
      "Staff only: the province's proposal to the Ministry to revoke it (certificates the Ministry issued).",
  })
  async ministryRevocationProposal(
    @Root() c: Certificate,
    @Ctx() ctx: Context,
  ): Promise<MinistryRevocationProposalRecord | null> {
    const product = await ctx.loaders.product.load(c.productId);
    if (!ctx.viewer || !product || !inViewerCommune(ctx.viewer, product.communeCode)) return null;
    const proposal = c.ministryRevocationProposal;
    return proposal && { ...proposal, grounds: groundsWithSource(proposal.grounds) };
  }
}

/** The certificate's expiry notices, for staff whose scope covers the product's commune (else none). */
async function noticesOf(ctx: Context, c: Certificate): Promise<ExpiryNotice[]> {
  const product = await ctx.loaders.product.load(c.productId);
  if (!ctx.viewer || !product || !inViewerCommune(ctx.viewer, product.communeCode)) return [];
  return ctx.loaders.expiryNotices.load(c.id);
}

const noticeFor = async (ctx: Context, c: Certificate) => firstNotice(await noticesOf(ctx, c));
