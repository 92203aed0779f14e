import { loadConfig } from "../../src/config";

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
