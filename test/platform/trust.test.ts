// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import request from "supertest";
import { Producer } from "../../src/catalog/producer.entity";
import { makeProducer } from "../support/factory";
import { codes, FixedClock } from "../support/http";
import { op } from "../support/operations";
import { cameraPhoto, PDF, upload, uploadPhoto, useStaffApp } from "../support/staff";

/** Names people check labels by, and what one commune or role may learn or do: as an attacker would try. */
const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
const t = useStaffApp(clock);

const createProducer = (name: string) =>
  t.app.gql(
    op("CreateProducer"),
    { input: { name, kind: "HTX", communeCode: "03390" } },
    t.staff.binhLu.headers,
  );

it("refuses names with direction overrides, lone surrogates or nothing visible, and writes nothing", async () => {
  const before = await t.db.dataSource.getRepository(Producer).count();
  const refused = {
    "HTX \u202EnaraT\u202C": "direction override",
    "HTX \u2067Mật ong\u2069": "isolate",
    "HTX \uD800 Mật ong": "lone high surrogate",
    "HTX Mật ong \uDFFF": "lone low surrogate",
    "\u200B\u200C\u2060\uFEFF \u00A0": "only invisible characters and spaces",
  };
  for (const [name, why] of Object.entries(refused)) {
    const r = await createProducer(name);
    expect([why, codes(r)]).toEqual([why, ["BAD_USER_INPUT"]]);
  }
  const overrides = await createProducer("HTX \u202EnaraT");
  expect(overrides.body.errors![0].message).toMatch(/change the reading direction/);
  expect(await t.db.dataSource.getRepository(Producer).count()).toBe(before);
  // Marks, emoji (a surrogate pair) and a joiner inside a word are a name's own.
  const fine = await createProducer("HTX Mật ong 🐝 Tà\u200DRừng");
  expect(fine.body.errors).toBeUndefined();
});

it("answers a proposal naming another commune's producer as for an unknown producer", async () => {
  const elsewhere = await makeProducer(t.db.dataSource, { communeCode: "03595" });
  const propose = (producerId: string) =>
    t.app.gql(
      op("ProposePotentialProduct"),
      {
        input: {
          name: `Chè ${producerId}`,
          categoryCode: "I.2.b",
          communeCode: "03390",
          producerId,
          source: "NEW_DISCOVERY",
        },
      },
      { ...t.staff.binhLu.headers, "accept-language": "en" },
    );
  const other = await propose(String(elsewhere.id));
  const unknown = await propose("999999");
  expect(codes(other)).toEqual(["NOT_FOUND"]);
  expect(other.body.errors![0].message).toBe(unknown.body.errors![0].message);
  expect(codes(unknown)).toEqual(["NOT_FOUND"]);
});

it("takes an upload only for a purpose the uploader's role can use", async () => {
  const member = t.staff.council[0].headers;
  const photo = await cameraPhoto(400, 300);
  const asImage = await uploadPhoto(t.app.app, { ...member, "accept-language": "en" }, photo);
  expect(asImage.status).toBe(403);
  expect(asImage.body.errors[0]).toEqual({
    message: "Your role cannot use a file uploaded for image.",
    extensions: { code: "FORBIDDEN" },
  });
  const asImport = await request(t.app.app)
    .post("/files")
    .set(member)
    .field("purpose", "import")
    .attach("file", Buffer.from("Tên sản phẩm\nMật ong\n"), "a.csv");
  expect(asImport.status).toBe(403);
  expect((await upload(t.app.app, member, PDF)).status).toBe(403); // evidence
  // Those who can use them may.
  expect((await uploadPhoto(t.app.app, t.staff.binhLu.headers, photo)).status).toBe(201);
  expect((await upload(t.app.app, t.staff.binhLu.headers, PDF)).status).toBe(201);
  expect((await uploadPhoto(t.app.app, t.staff.admin.headers, photo)).status).toBe(201);
});
