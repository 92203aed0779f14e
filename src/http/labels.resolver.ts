import { Arg, Directive, Field, ObjectType, Query, registerEnumType, Resolver } from "type-graphql";
import { PUBLIC_CACHE } from "../core/cache";
import { LABELS, type EnumName, type Lang } from "../i18n/labels";

export enum Language {
  VI = "vi",
  EN = "en",
}
registerEnumType(Language, { name: "Language", description: "VI (Vietnamese) or EN (English)." });

@ObjectType()
class EnumValueLabel {
  @Field({ description: "The code, as the schema has it (e.g. REGISTRATION_FORM)." })
  value: string;

  @Field({ description: "What to show a person (e.g. Phiếu đăng ký sản phẩm)." })
  label: string;
}

@ObjectType({ description: "The words for the values of one enum an officer sees." })
class EnumLabels {
  @Field({ description: "The enum's name in the schema, e.g. DossierStatus." })
  enum: string;

  @Field(() => [EnumValueLabel])
  values: EnumValueLabel[];
}

@Resolver()
export class LabelsResolver {
  @Query(() => [EnumLabels], {
    description:
      "What to show for the codes of DossierStatus, DossierAction, DossierKind, DocumentKind, ViolationKind, Role, CertificateStatus, RecommendationStatus, NoticeChannel, NoticeAuthority, RevocationAuthority, ProducerKind, PotentialProductStatus and PotentialProductSource, in Vietnamese (default) or English.",
  })
  @Directive(PUBLIC_CACHE)
  enumLabels(@Arg("lang", () => Language, { defaultValue: Language.VI }) lang: Language): EnumLabels[] {
    return (Object.keys(LABELS.vi) as EnumName[]).map((name) => ({
      enum: name,
      values: Object.entries(LABELS[lang as Lang][name] as Record<string, string>).map(([value, label]) => ({
        value,
        label,
      })),
    }));
  }
}
