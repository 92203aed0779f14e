import type { AuthCheckerFn, ResolverData } from "type-graphql";
import { authChecker as checker } from "../../src/auth/auth-checker";
import { Role } from "../../src/auth/user.entity";
import type { Context } from "../../src/context";

const authChecker = checker as AuthCheckerFn<Context, Role>;
const as = (role: Role | null) =>
  ({
    context: { viewer: role ? { id: 1, email: "a@b.vn", role, communeCode: null } : null },
  }) as unknown as ResolverData<Context>;

describe("the auth checker", () => {
  it("needs a viewer: anonymous is UNAUTHENTICATED, with or without roles", () => {
    expect(() => authChecker(as(null), [])).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "UNAUTHENTICATED" }) }),
    );
    expect(() => authChecker(as(null), [Role.PROVINCE_OFFICER])).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "UNAUTHENTICATED" }) }),
    );
  });
  it("lets any signed-in viewer through @Authorized(), a listed role through @Authorized(roles), and ADMIN everywhere", () => {
    expect(authChecker(as(Role.COUNCIL_MEMBER), [])).toBe(true);
    expect(authChecker(as(Role.PROVINCE_OFFICER), [Role.PROVINCE_OFFICER, Role.COMMUNE_OFFICER])).toBe(true);
    expect(authChecker(as(Role.ADMIN), [Role.PROVINCE_OFFICER])).toBe(true);
  });
  it("refuses a role not listed with FORBIDDEN", () => {
    expect(() => authChecker(as(Role.COMMUNE_OFFICER), [Role.PROVINCE_OFFICER])).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "FORBIDDEN" }) }),
    );
  });
});
