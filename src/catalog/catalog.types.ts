import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { INHERIT_CACHE } from "../core/cache";
import { connectionOf } from "../core/paging";
import { Commune } from "../geography/commune.entity";
import { Category } from "./category.entity";
import { Product } from "./product.entity";

export enum ProductSortField {
  NAME = "NAME",
  STARS = "STARS",
  CERTIFIED_ON = "CERTIFIED_ON",
  EXPIRES_ON = "EXPIRES_ON",
  RELEVANCE = "RELEVANCE",
}
registerEnumType(ProductSortField, {
  name: "ProductSortField",
  valuesConfig: {
    RELEVANCE: {
      description:
        "Best match of filter.search first: a match in the product's name (in the `language` asked first) above one in the producer's or commune's name, then the English description or category; a whole word above a prefix, the marks typed above a folded match, an exact word above a typo; ties by stars (most first), then name, then id. Without a search: stars, then name.",
    },
  },
});

export enum SortDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(SortDirection, { name: "SortDirection" });

@InputType({ description: "Filters combine with AND across fields and OR within a list." })
export class ProductFilter {
  @Field(() => [String], {
    nullable: true,
    description: 'Any of these commune-level unit codes, e.g. "03390".',
  })
  communeCodes?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Any of these category codes at any level: "I", "I.2", "I.2.a".',
  })
  categoryCodes?: string[] | null;

  @Field(() => [Int], { nullable: true, description: "Any of these star ratings (3, 4, 5)." })
  stars?: number[] | null;

  @Field(() => ID, { nullable: true })
  producerId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Words of the product\'s name (Vietnamese or English), its producer\'s or commune\'s name, its English description or its category\'s English names. Case-insensitive; marks typed count ("trà" finds "Trà", not "trâu"), and a word typed without marks matches any ("tra" finds both); one typo is tolerated in a word of five letters or more; the last word matches as a prefix. At most 200 characters.',
  })
  search?: string | null;

  @Field(() => Int, { nullable: true, description: "Year of the decision of the current certificate." })
  certifiedInYear?: number | null;
}

@InputType()
export class ProductSort {
  @Field(() => ProductSortField)
  field: ProductSortField;

  @Field(() => SortDirection, {
    nullable: true,
    description: "Left out: ASC, except RELEVANCE, which is always best first (DESC; ASC is refused).",
  })
  direction?: SortDirection | null;
}

export const ProductConnection = connectionOf(
  Product,
  "Product",
  "A page of products holding an active certificate.",
  {
    publicCache: true,
    boundedCount:
      "True when the filter has a search or a producer and more than 10,000 products match: totalCount then says “at least”.",
  },
);
export type ProductConnection = InstanceType<typeof ProductConnection>;

@ObjectType()
@Directive(INHERIT_CACHE)
export class StarsCount {
  @Field(() => Int)
  stars: number;

  @Field(() => Int)
  count: number;
}

@ObjectType()
@Directive(INHERIT_CACHE)
export class CommuneCount {
  @Field(() => Commune)
  commune: Commune;

  @Field(() => Int)
  count: number;
}

@ObjectType()
@Directive(INHERIT_CACHE)
export class CategoryCount {
  @Field(() => Category)
  category: Category;

  @Field(() => Int)
  count: number;
}

@ObjectType({
  description:
    "Counts for a filter sidebar. Each dimension's counts apply every filter except that dimension's own.",
})
@Directive(INHERIT_CACHE)
export class ProductFacets {
  @Field(() => Int, { description: "Products matching the whole filter." })
  total: number;

  @Field({
    description:
      "True when the filter has a search or a producer and more than 10,000 products match: total (and each count) then says “at least”.",
  })
  totalIsLowerBound: boolean;

  @Field(() => [StarsCount])
  stars: StarsCount[];

  /** Every commune with products, most first; the `communes` field answers the top of it. */
  allCommunes: CommuneCount[];
  selectedCommuneCodes: string[];

  @Field(() => [CategoryCount], {
    description: "Counts at every level of the tree (sectors, groups, product sets).",
  })
  categories: CategoryCount[];
}
