import { Arg, Ctx, Directive, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { CatalogChanges } from "../catalog/change-feed";
import { Product } from "../catalog/product.entity";
import { PUBLIC_CACHE } from "../core/cache";
import type { Context } from "../context";
import { Certificate, certificateStatus, CertificateStatus } from "./certificate.entity";

@Resolver(() => Certificate)
export class CertificateResolver {
  @Query(() => Certificate, {
    nullable: true,
    description:
      "Checks a certificate number printed on a label, whatever its status; null when no certificate has it.",
  })
  @Directive(PUBLIC_CACHE)
  async certificate(@Ctx() ctx: Context, @Arg("number") number: string): Promise<Certificate | null> {
    return ctx.services.certificates.byNumber(ctx, number);
  }

  @FieldResolver(() => CertificateStatus)
  status(@Root() certificate: Certificate, @Ctx() ctx: Context): CertificateStatus {
    return certificateStatus(certificate, ctx.today);
  }

  @FieldResolver(() => String, {
    description:
      "The certificate's signed token, what the QR code on its label carries (…/verify/{number}?t=…): a compact JWS (EdDSA, Ed25519, `kid` in its header) signed with the province's key, verifiable offline with the keys at /.well-known/jwks.json. Claims: n number, p product name, m producer name, c commune code, s stars, d decision date, u valid until (last day), l issuing level (P province, D district, C central), iss the issuing province's code (12: Lai Châu). It says what the records say now: a label printed before a change carries the older, still validly signed claims.",
  })
  signedToken(@Root() certificate: Certificate, @Ctx() ctx: Context): Promise<string> {
    return ctx.services.signedLabels.token(ctx, certificate);
  }

  @FieldResolver(() => Product)
  async product(@Root() certificate: Certificate, @Ctx() ctx: Context): Promise<Product> {
    return (await ctx.loaders.product.load(certificate.productId))!;
  }
}

@Resolver(() => CatalogChanges)
export class RevocationListResolver {
  @FieldResolver(() => String, {
    description:
      "The current signed revocation list (also at GET /certificates/revocations.jws): a compact JWS (EdDSA, header `typ` ocop-revocations+jwt) whose claims are `iat` (when it was signed, at least hourly) and the numbers of the certificates revoked (`r`) and superseded (`s`). A label whose number is listed no longer counts, whatever its token says.",
  })
  revocationList(@Ctx() ctx: Context): Promise<string> {
    return ctx.services.signedLabels.revocationList(ctx);
  }
}
