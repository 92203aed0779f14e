import { GraphQLError, GraphQLScalarType } from "graphql";
import { GraphQLLocalDate } from "graphql-scalars";

/** Dates a record of this programme can carry: anything outside is a typing error, not a date. */
const EARLIEST = "1900-01-01";
const LATEST = "2199-12-31";

const DATE_COLUMN = /^\d{4}-\d{2}-\d{2}$/;

const plausible = (date: string): string => {
  if (date < EARLIEST || date > LATEST)
    throw new GraphQLError(`A date must lie between ${EARLIEST} and ${LATEST}.`, {
      extensions: { code: "BAD_USER_INPUT" },
    });
  return date;
};

/**
 * A calendar date without time or zone, "2025-10-31" (graphql-scalars' LocalDate), limited to plausible
 * years. Business dates are Vietnamese dates.
 */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: GraphQLLocalDate.name,
  description: GraphQLLocalDate.description,
  specifiedByURL: GraphQLLocalDate.specifiedByURL,
  // A DATE column arrives as "YYYY-MM-DD" (dateStrings): answered as it is, without graphql-scalars' full
  // check, a measured share of a catalog page's CPU. Anything else gets that check.
  serialize: (value) =>
    typeof value === "string" && DATE_COLUMN.test(value) ? value : GraphQLLocalDate.serialize(value),
  parseValue: (value) => plausible(GraphQLLocalDate.parseValue(value)),
  parseLiteral: (ast, variables) => plausible(GraphQLLocalDate.parseLiteral(ast, variables)),
  extensions: GraphQLLocalDate.extensions,
});
