import { GraphQLLocalDate } from "graphql-scalars";

/** A calendar date without time or zone, "2025-10-31". Business dates are Vietnamese dates. */
export const LocalDateScalar = GraphQLLocalDate;
