import request from "supertest";
import { makeProduct } from "../support/factory";
import { FixedClock } from "../support/http";
import { useStaffApp } from "../support/staff";

/** Public routes answer whatever the request carries: never a 500, never Express's HTML. */
const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
const t = useStaffApp(clock);
const STALE = { authorization: "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c3RhbGU" };

it("serves the verification page and the QR codes to a request with a stale or malformed token", async () => {
  const { certificate } = await makeProduct(t.db.dataSource, { name: "Mật ong", decisionDate: "2026-01-10" });
  const number = certificate!.number;
  for (const authorization of [STALE.authorization, "Bearer", "Basic abc", "Bearer a.b.c"]) {
    const page = await request(t.app.app).get(`/verify/${number}`).set({ authorization });
    expect([authorization, page.status]).toEqual([authorization, 200]);
    expect(page.text).toContain("Mật ong");
    const svg = await request(t.app.app).get(`/certificates/${number}/qr.svg`).set({ authorization });
    expect([authorization, svg.status]).toEqual([authorization, 200]);
    const unknown = await request(t.app.app).get("/verify/KHONG-CO").set({ authorization });
    expect(unknown.status).toBe(404);
  }
  // A staff request with a stale token is still told to sign in again.
  const staff = await request(t.app.app).get("/reports/certificates.csv?recognizedYear=2026").set(STALE);
  expect(staff.status).toBe(401);
});

it("answers a %-encoded number once decoded, a broken encoding and an unknown path in the API's error shape", async () => {
  expect((await request(t.app.app).get("/certificates/%25/qr.svg")).status).toBe(404);
  expect((await request(t.app.app).get("/certificates/%2525/qr.png")).status).toBe(404);

  const broken = await request(t.app.app).get("/verify/%E0%A4%A").set("accept-language", "en");
  expect(broken.status).toBe(400);
  expect(broken.body).toEqual({
    errors: [
      {
        message: "The request's address or headers are malformed (for example a broken %-encoding).",
        extensions: { code: "BAD_USER_INPUT" },
      },
    ],
  });
  const badJson = await request(t.app.app)
    .post("/graphql")
    .set({ "content-type": "application/json", "accept-language": "en" })
    .send("{not json");
  expect(badJson.body.errors[0].message).toBe("The request body is not valid JSON.");

  for (const path of ["/nothing-here", "/verify", "/files", "/certificates/1"]) {
    const r = await request(t.app.app).get(path).set("accept-language", "vi");
    expect([path, r.status, r.type]).toEqual([path, 404, "application/json"]);
    expect(r.body.errors[0]).toEqual({
      message: "Không có gì ở địa chỉ này: API trả lời tại /graphql.",
      extensions: { code: "NOT_FOUND" },
    });
  }
});
