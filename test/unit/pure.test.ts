import { Role } from "../../src/auth/user.entity";
import { Memo } from "../../src/core/memo";
import { actionsFrom, DossierStatus, TRANSITIONS } from "../../src/dossiers/workflow";
import { starsFor } from "../../src/rules/rule-set.entity";
import { CursorCodec, pageSize } from "../../src/core/connection";
import { fold, slugify, words } from "../../src/core/text";
import { addMonths, endOfVietnamDay, isLocalDate, vietnamDate } from "../../src/core/time";
import { certificateStatus, CertificateStatus } from "../../src/certificates/certificate.entity";
import { loadConfig } from "../../src/config";

describe("text folding", () => {
  it("removes case, tones and vowel marks and turns đ into d", () => {
    expect(fold("Mật ong Pa Ủ")).toBe("mat ong pa u");
    expect(fold("ĐÔNG PHƯƠNG mỹ nhân")).toBe("dong phuong my nhan");
    expect(fold("Cà, Hà & Đà!")).toBe("ca ha da");
    expect(fold("Mật ong Pa Ủ".normalize("NFD"))).toBe("mat ong pa u");
    expect(words("Trà trà TRÀ xanh")).toEqual(["tra", "xanh"]);
    expect(slugify("Gạo Séng Cù Than Uyên")).toBe("gao-seng-cu-than-uyen");
  });
});

describe("Vietnamese dates", () => {
  it("computes the Vietnamese calendar date whatever the process zone", () => {
    expect(process.env.TZ).toBe("America/Los_Angeles");
    expect(vietnamDate(new Date("2025-10-31T16:59:59Z"))).toBe("2025-10-31");
    expect(vietnamDate(new Date("2025-10-31T17:00:00Z"))).toBe("2025-11-01");
    expect(endOfVietnamDay("2025-10-31").toISOString()).toBe("2025-10-31T17:00:00.000Z");
  });

  it("adds months, clamping to the month's last day", () => {
    expect(addMonths("2022-12-15", 36)).toBe("2025-12-15");
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-02-29", 36)).toBe("2027-02-28");
    expect(isLocalDate("2025-02-29")).toBe(false);
    expect(isLocalDate("2024-02-29")).toBe(true);
  });

  it("derives certificate status: revoked, superseded, expired, active", () => {
    const c = { revokedOn: null, supersededById: null, expiresOn: "2026-01-10" };
    expect(certificateStatus(c, "2026-01-10")).toBe(CertificateStatus.ACTIVE);
    expect(certificateStatus(c, "2026-01-11")).toBe(CertificateStatus.EXPIRED);
    expect(certificateStatus({ ...c, supersededById: 2 }, "2025-01-01")).toBe(CertificateStatus.SUPERSEDED);
    expect(certificateStatus({ ...c, supersededById: 2, revokedOn: "2025-01-01" }, "2025-01-01")).toBe(
      CertificateStatus.REVOKED,
    );
  });
});

describe("cursors and page sizes", () => {
  const codec = new CursorCodec("secret-one");
  it("round-trips and refuses cursors signed with another key or altered", () => {
    const cursor = codec.encode(["NAME", "ASC", "Mật ong", 7]);
    expect(codec.decode(cursor)).toEqual(["NAME", "ASC", "Mật ong", 7]);
    expect(() => new CursorCodec("secret-two").decode(cursor)).toThrow("after is not a cursor");
    expect(() => codec.decode(`x${cursor}`)).toThrow("after is not a cursor");
    expect(() => codec.decode("")).toThrow("after is not a cursor");
  });
  it("defaults first to 20 and bounds it to 1..100", () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(20 * 5);
    expect(() => pageSize(101)).toThrow("first must be between 1 and 100");
    expect(() => pageSize(0)).toThrow();
  });
});

describe("configuration", () => {
  it("defaults to the embedded database and names every bad variable", () => {
    expect(loadConfig({}).database).toEqual({ kind: "sqlite", path: "./data/ocop.sqlite" });
    expect(() => loadConfig({ DATABASE_URL: "postgres://x/y", PORT: "abc" })).toThrow(
      /DATABASE_URL must be a mysql:\/\/ URL.*; PORT must be a number/,
    );
    expect(() => loadConfig({ DATABASE_URL: "mysql://root@db:3306/ocop" })).toThrow(/JWT_SECRET is required/);
    expect(() => loadConfig({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL must be one of/);
    const ok = loadConfig({
      DATABASE_URL: "mysql://root@db:3306/ocop",
      JWT_SECRET: "x".repeat(32),
      PORT: "8080",
    });
    expect(ok).toMatchObject({ database: { kind: "mysql" }, port: 8080, jwtSecretGenerated: false });
  });

  it("listens on loopback for the demo and everywhere in production unless HOST says; trusts the proxies TRUST_PROXY lists", () => {
    expect(loadConfig({})).toMatchObject({ demo: true, host: "127.0.0.1", trustProxy: ["loopback"] });
    const production = { DATABASE_URL: "mysql://root@db:3306/ocop", JWT_SECRET: "x".repeat(32) };
    expect(loadConfig(production)).toMatchObject({ demo: false, host: "0.0.0.0" });
    expect(loadConfig({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
    expect(loadConfig({ TRUST_PROXY: "10.0.0.0/8, loopback,2001:db8::1" }).trustProxy).toEqual([
      "10.0.0.0/8",
      "loopback",
      "2001:db8::1",
    ]);
    for (const bad of ["nonsense", "10.0.0.0/33", "10.0.0.1/8/2"])
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY must be a comma-separated list/);
    expect(loadConfig({ UPLOAD_QUOTA_MB_PER_DAY: "50" }).uploadQuotaBytesPerDay).toBe(50 * 1024 * 1024);
  });
});

describe("the workflow table", () => {
  it("reaches every state from DRAFT, and ends only in RECOGNIZED, NOT_ACHIEVED and WITHDRAWN", () => {
    const reached = new Set<string>([DossierStatus.DRAFT]);
    for (let grew = true; grew;) {
      grew = false;
      for (const t of TRANSITIONS) {
        const targets =
          t.to === "by-result"
            ? [DossierStatus.SCORED, DossierStatus.NOT_ACHIEVED]
            : t.to === "unchanged"
              ? []
              : [t.to];
        if (!t.from.some((f) => reached.has(f))) continue;
        for (const to of targets) {
          if (!reached.has(to)) {
            reached.add(to);
            grew = true;
          }
        }
      }
    }
    expect([...reached].sort()).toEqual(Object.values(DossierStatus).sort());
    const ends = Object.values(DossierStatus).filter((s) => actionsFrom(s, Role.ADMIN).length === 0);
    expect(ends.sort()).toEqual(["NOT_ACHIEVED", "RECOGNIZED", "WITHDRAWN"]);
  });

  it("gives the council only score sheets, and withdrawal only before UNDER_REVIEW", () => {
    expect(new Set(Object.values(DossierStatus).flatMap((s) => actionsFrom(s, Role.COUNCIL_MEMBER)))).toEqual(
      new Set(["SUBMIT_SCORE_SHEET"]),
    );
    const withdrawable = TRANSITIONS.find((t) => t.action === "WITHDRAW")!.from;
    expect(withdrawable).not.toContain(DossierStatus.UNDER_REVIEW);
  });
});

describe("stars under the rules", () => {
  const rules = {
    starBands: [
      { stars: 5, minPoints: 90 },
      { stars: 4, minPoints: 70 },
      { stars: 3, minPoints: 50 },
      { stars: 2, minPoints: 30 },
      { stars: 1, minPoints: 0 },
    ],
  };
  it("takes the highest band reached whose mandatory criteria most sheets meet", () => {
    expect(starsFor(rules, 90, [5, 5, 4])).toBe(5);
    expect(starsFor(rules, 90, [5, 4, 4])).toBe(4);
    expect(starsFor(rules, 89.99, [5, 5, 5])).toBe(4);
    expect(starsFor(rules, 75, [2, 2, 3])).toBe(2); // the points of 4 stars, no level's mandatory criteria met
    expect(starsFor(rules, 50, [3, 3, 0])).toBe(3);
    expect(starsFor(rules, 49.5, [5, 5, 5])).toBe(2);
    expect(starsFor(rules, 10, [])).toBe(1);
  });
});

describe("memo", () => {
  it("shares a value for its time, bounds its size, forgets failures and on clear", async () => {
    let now = 0;
    let calls = 0;
    const memo = new Memo<number>(1000, 2, () => now);
    const compute = async () => ++calls;
    expect(await memo.get("a", compute)).toBe(1);
    expect(await memo.get("a", compute)).toBe(1);
    now = 1001;
    expect(await memo.get("a", compute)).toBe(2);
    await memo.get("b", compute);
    await memo.get("c", compute); // evicts "a", the oldest
    expect(await memo.get("a", compute)).toBe(5);
    await expect(memo.get("x", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await new Promise((r) => setImmediate(r));
    expect(await memo.get("x", compute)).toBe(6);
    memo.clear();
    expect(await memo.get("x", compute)).toBe(7);
  });
});
