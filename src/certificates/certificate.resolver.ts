import { Arg, Ctx, Directive, FieldResolver, Query, Resolver, Root } from "type-graphql";
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

  @FieldResolver(() => Product)
  async product(@Root() certificate: Certificate, @Ctx() ctx: Context): Promise<Product> {
    return (await ctx.loaders.product.load(certificate.productId))!;
  }
}
