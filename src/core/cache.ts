import { DirectiveLocation, GraphQLBoolean, GraphQLDirective, GraphQLEnumType, GraphQLInt } from "graphql";
import { endOfVietnamDay, type LocalDate } from "./time";

/** Apollo's cache-control directive, declared so that code-first types can carry it. */
export const cacheControlDirective = new GraphQLDirective({
  name: "cacheControl",
  locations: [
    DirectiveLocation.FIELD_DEFINITION,
    DirectiveLocation.OBJECT,
    DirectiveLocation.INTERFACE,
    DirectiveLocation.UNION,
  ],
  args: {
    maxAge: { type: GraphQLInt },
    scope: {
      type: new GraphQLEnumType({ name: "CacheControlScope", values: { PUBLIC: {}, PRIVATE: {} } }),
    },
    inheritMaxAge: { type: GraphQLBoolean },
  },
});

/** Public catalog data: any cache may keep it for 5 minutes. */
export const PUBLIC_CACHE_SECONDS = 300;
export const PUBLIC_CACHE = `@cacheControl(maxAge: ${PUBLIC_CACHE_SECONDS}, scope: PUBLIC)`;

/** Whole seconds from `now` to the end of that Vietnamese calendar day (0 once it is over). */
export function secondsUntilEndOf(day: LocalDate, now: Date): number {
  return Math.max(0, Math.floor((endOfVietnamDay(day).getTime() - now.getTime()) / 1000));
}

/** For wrapper types (pages, edges, counts): as cacheable as the field that returns them. */
export const INHERIT_CACHE = "@cacheControl(inheritMaxAge: true)";
