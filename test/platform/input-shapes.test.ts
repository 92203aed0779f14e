// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
} from "graphql";
import request from "supertest";
import { FixedClock } from "../support/http";
import { useStaffApp } from "../support/staff";

/**
 * Walks every mutation's arguments as the schema declares them and sends, for each text, date and number
 * field in turn, values a careless or hostile client sends: far too long, blank, with a NUL byte, absurd
 * dates and numbers. Every answer must be BAD_USER_INPUT naming the field (or a domain error where the
 * value is acceptable, such as a blank optional note), never a 500, and nothing may be written.
 */
const schema = buildSchema(readFileSync(join(__dirname, "..", "..", "schema", "schema.graphql"), "utf8"));
const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
const t = useStaffApp(clock);

/** A plausible value for a field, so that only the field under test is wrong (ids name nothing: NOT_FOUND). */
function sample(type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) return sample(type.ofType, name);
  if (isListType(type)) return [sample(type.ofType, name)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type))
    return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, sample(f.type, f.name)]));
  switch (type.name) {
    case "ID":
      return "999999";
    case "Int":
      return (
        { year: 2026, minCouncilSize: 3, stars: 4, partA: 30, partB: 20, partC: 25, mandatoryStarsMet: 4 }[
          name
        ] ?? 1
      );
    case "Float":
      return { latitude: 22.4, longitude: 103.46 }[name] ?? 1;
    case "Boolean":
      return true;
    case "LocalDate":
      return "2026-06-01";
  }
  const strings: Record<string, string> = {
    email: "can.bo.moi@test.ocop.vn",
    communeCode: "03390",
    categoryCode: "I.2.b",
    website: "https://htx.example.vn",
    phone: "0213 000 000",
    password: "a long passphrase of 42 words",
    newPassword: "another long passphrase 43",
    oldPassword: "correct horse battery",
  };
  return strings[name] ?? "Tên thử";
}

type Leaf = { path: (string | number)[]; type: string; required: boolean };

/** Every text, date and number field below an argument, with its path in the variables. */
function leaves(type: GraphQLInputType, path: (string | number)[], required: boolean): Leaf[] {
  if (isNonNullType(type)) return leaves(type.ofType, path, true);
  if (isListType(type))
    return isInputObjectType(getNamedType(type)) ? leaves(type.ofType, [...path, 0], false) : [];
  if (isInputObjectType(type))
    return Object.values(type.getFields()).flatMap((f) => leaves(f.type, [...path, f.name], false));
  if (isScalarType(type) && ["String", "LocalDate", "Int", "Float"].includes(type.name))
    return [{ path, type: type.name, required }];
  return [];
}

const setAt = (target: Record<string, unknown>, path: (string | number)[], value: unknown) => {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
};

const BAD: Record<string, { value: unknown; name: string; always: boolean }[]> = {
  String: [
    { name: "10,000 characters", value: "á".repeat(10_000), always: true },
    { name: "a NUL byte", value: "Tên\u0000thử", always: true },
    { name: "blank", value: "   ", always: false },
  ],
  LocalDate: [
    { name: "the year 0", value: "0000-01-01", always: true },
    { name: "the year 9999", value: "9999-12-31", always: true },
  ],
  Int: [{ name: "2³¹−1", value: 2_147_483_647, always: false }],
  Float: [{ name: "1e300", value: 1e300, always: true }],
};

const mutations = Object.values(schema.getMutationType()!.getFields());
const cases = mutations.flatMap((mutation) =>
  mutation.args.flatMap((arg: GraphQLArgument) =>
    leaves(arg.type, [arg.name], isNonNullType(arg.type)).flatMap((leaf) =>
      BAD[leaf.type].map((bad) => ({ mutation, leaf, bad })),
    ),
  ),
);

async function rowsWritten(): Promise<number> {
  const tables = [
    "user",
    "producer",
    "product",
    "certificate",
    "evaluation_round",
    "dossier",
    "dossier_document",
    "score_sheet",
    "expiry_notice",
    "inspection",
    "violation",
    "revocation_recommendation",
    "product_image",
    "point_of_sale",
    "audit_event",
  ];
  const q = (name: string) =>
    t.db.dataSource.options.type === "better-sqlite3" ? `"${name}"` : `\`${name}\``;
  const [row] = await t.db.dataSource.query(
    `SELECT ${tables.map((name) => `(SELECT COUNT(*) FROM ${q(name)})`).join(" + ")} AS n`,
  );
  return Number(row.n);
}

it("walks a fair number of fields", () => {
  expect(cases.length).toBeGreaterThan(150);
});

it.each(cases.map((c) => [`${c.mutation.name} ${c.leaf.path.join(".")}: ${c.bad.name}`, c] as const))(
  "%s",
  async (_title, { mutation, leaf, bad }) => {
    const variables = Object.fromEntries(mutation.args.map((a) => [a.name, sample(a.type, a.name)]));
    setAt(variables, leaf.path, bad.value);
    const signature = mutation.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(", ");
    const call = mutation.args.map((a) => `${a.name}: $${a.name}`).join(", ");
    const query = `mutation(${signature}) { ${mutation.name}(${call}) { __typename } }`;
    const before = await rowsWritten();
    const r = await request(t.app.app).post("/graphql").set(t.staff.admin.headers).send({ query, variables });
    expect(r.status).toBeLessThan(500);
    const error = r.body.errors?.[0];
    expect(error?.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
    const field = String(leaf.path[leaf.path.length - 1]);
    if (bad.always || (bad.name === "blank" && leaf.required)) {
      expect(error?.extensions?.code).toBe("BAD_USER_INPUT");
      const named = [
        error.message,
        ...(error.extensions.problems ?? []).map((p: { field: string }) => p.field),
      ].join(" ");
      expect(named).toContain(field);
      expect(await rowsWritten()).toBe(before);
    }
  },
);
