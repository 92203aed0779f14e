import { maybeCacheControlFromInfo } from "@apollo/cache-control-types";
import {
  DirectiveLocation,
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLEnumType,
  GraphQLInt,
  type GraphQLResolveInfo,
} from "graphql";
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

/**
 * Caps how long the answer may be cached so that it is not served past the end of `expiresOn`
 * (Vietnam time): a product leaves the catalog the day after its certificate expires.
 */
export function cacheUntilEndOf(
  info: GraphQLResolveInfo,
  now: Date,
  expiresOn: LocalDate | null | undefined,
): void {
  if (!expiresOn) return;
  const seconds = Math.floor((endOfVietnamDay(expiresOn).getTime() - now.getTime()) / 1000);
  if (seconds < PUBLIC_CACHE_SECONDS)
    maybeCacheControlFromInfo(info)?.cacheHint.restrict({ maxAge: Math.max(0, seconds) });
}

/** For wrapper types (pages, edges, counts): as cacheable as the field that returns them. */
export const INHERIT_CACHE = "@cacheControl(inheritMaxAge: true)";
