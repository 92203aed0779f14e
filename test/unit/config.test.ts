import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { keptDemoSecret, loadConfig } from "../../src/config";

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
      SIGNING_KEY_FILE: "/etc/ocop/signing-keys.json",
      PORT: "8080",
    });
    expect(ok).toMatchObject({ database: { kind: "mysql" }, port: 8080, jwtSecretGenerated: false });
  });

  it("listens on loopback for the demo and everywhere in production unless HOST says; trusts the proxies TRUST_PROXY lists", () => {
    expect(loadConfig({})).toMatchObject({ demo: true, host: "127.0.0.1", trustProxy: ["loopback"] });
    const production = {
      DATABASE_URL: "mysql://root@db:3306/ocop",
      JWT_SECRET: "x".repeat(32),
      SIGNING_KEY_FILE: "/etc/ocop/signing-keys.json",
    };
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

describe("no traps for the operator", () => {
  const production = {
    NODE_ENV: "production",
    DATABASE_URL: "mysql://root@db:3306/ocop",
    JWT_SECRET: "x".repeat(32),
    SIGNING_KEY_FILE: "/etc/ocop/signing-keys.json",
  };
  it("refuses to start in production on a public address without a PUBLIC_BASE_URL people can reach", () => {
    expect(() => loadConfig(production)).toThrow(
      /PUBLIC_BASE_URL must be the address people reach this API at.*not set/,
    );
    for (const local of ["http://localhost:4000", "http://127.0.0.1:4000", "http://[::1]:4000"])
      expect(() => loadConfig({ ...production, PUBLIC_BASE_URL: local })).toThrow(/a loopback address/);
    expect(loadConfig({ ...production, PUBLIC_BASE_URL: "https://ocop.laichau.gov.vn" }).publicBaseUrl).toBe(
      "https://ocop.laichau.gov.vn",
    );
    // On loopback (the embedded demo, or behind a local proxy) localhost is right; outside production too.
    expect(loadConfig({ ...production, HOST: "127.0.0.1" }).publicBaseUrl).toBe("http://localhost:4000");
    expect(loadConfig({ NODE_ENV: "production" }).publicBaseUrl).toBe("http://localhost:4000");
    expect(loadConfig({ ...production, NODE_ENV: "development" }).host).toBe("0.0.0.0");
  });

  it("keeps the embedded demo's signing key beside its database between runs", () => {
    const dir = mkdtempSync(join(tmpdir(), "ocop-key-"));
    const path = join(dir, "ocop.sqlite");
    const first = keptDemoSecret(path);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(keptDemoSecret(path)).toBe(first);
    expect(statSync(join(dir, "jwt-secret")).mode & 0o777).toBe(0o600);
    expect(keptDemoSecret(join(mkdtempSync(join(tmpdir(), "ocop-key-")), "ocop.sqlite"))).not.toBe(first);
  });
});
