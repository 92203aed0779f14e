import { addMonths, endOfVietnamDay, isLocalDate, vietnamDate } from "../../src/core/time";
import { certificateStatus, CertificateStatus } from "../../src/certificates/certificate.entity";

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
