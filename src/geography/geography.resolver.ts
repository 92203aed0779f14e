import { Arg, Ctx, Directive, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { PUBLIC_CACHE } from "../core/cache";
import { withoutMarks } from "../core/text";
import type { Context } from "../context";
import { Commune, Province } from "./commune.entity";
import { formerNames } from "./commune-names";

@Resolver(() => Commune)
export class CommuneResolver {
  @FieldResolver(() => String, { description: "The name for English pages: without tone and vowel marks." })
  nameEn(@Root() commune: Commune): string {
    return withoutMarks(commune.name);
  }

  @Query(() => [Commune], {
    description:
      "Commune-level units, in official order; of one province when provinceCode is given. With `search`, the units whose current or former name (before the 2025 merger) contains the words, accents ignored, current names first.",
    complexity: ({ childComplexity }) => 1 + 40 * childComplexity,
  })
  @Directive(PUBLIC_CACHE)
  async communes(
    @Ctx() ctx: Context,
    @Arg("provinceCode", () => String, { nullable: true }) provinceCode?: string | null,
    @Arg("search", () => String, { nullable: true }) search?: string | null,
  ): Promise<Commune[]> {
    return ctx.services.geography.communes(ctx, provinceCode ?? null, search ?? null);
  }

  @FieldResolver(() => Int, { description: "How many products of this commune hold an active certificate." })
  productCount(@Root() commune: Commune, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.activeProductCountByCommune.load(commune.code);
  }

  @FieldResolver(() => [String], {
    description:
      'Names of the units merged into it on 1 July 2025, as older certificates and addresses write them ("Thị trấn Tam Đường").',
  })
  formerNames(@Root() commune: Commune): string[] {
    return formerNames(commune);
  }

  @FieldResolver(() => Province)
  async province(@Root() commune: Commune, @Ctx() ctx: Context): Promise<Province> {
    return (await ctx.loaders.province.load(commune.provinceCode))!;
  }
}
