import type { DataSource } from "typeorm";
import { audit } from "../../audit/audit-event.entity";
import { DEMO_PASSWORD, hashPassword } from "../../auth/passwords";
import { Role, User } from "../../auth/user.entity";

export { DEMO_PASSWORD };

export const DEMO_USERS: { email: string; fullName: string; role: Role; communeCode: string | null }[] = [
  { email: "admin@demo.ocop.vn", fullName: "Quản trị hệ thống", role: Role.ADMIN, communeCode: null },
  { email: "tinh@demo.ocop.vn", fullName: "Cán bộ Sở NN&MT", role: Role.PROVINCE_OFFICER, communeCode: null },
  {
    email: "hoidong1@demo.ocop.vn",
    fullName: "Thành viên hội đồng 1",
    role: Role.COUNCIL_MEMBER,
    communeCode: null,
  },
  {
    email: "hoidong2@demo.ocop.vn",
    fullName: "Thành viên hội đồng 2",
    role: Role.COUNCIL_MEMBER,
    communeCode: null,
  },
  {
    email: "hoidong3@demo.ocop.vn",
    fullName: "Thành viên hội đồng 3",
    role: Role.COUNCIL_MEMBER,
    communeCode: null,
  },
  {
    email: "binhlu@demo.ocop.vn",
    fullName: "Cán bộ xã Bình Lư",
    role: Role.COMMUNE_OFFICER,
    communeCode: "03390",
  },
  {
    email: "thanuyen@demo.ocop.vn",
    fullName: "Cán bộ xã Than Uyên",
    role: Role.COMMUNE_OFFICER,
    communeCode: "03595",
  },
];

/** Creates the demo staff accounts that do not exist yet; answers how many it created. */
export async function loadDemoUsers(dataSource: DataSource, now = new Date()): Promise<number> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return dataSource.transaction(async (m) => {
    let created = 0;
    for (const u of DEMO_USERS) {
      if (await m.existsBy(User, { email: u.email })) continue;
      const user = await m.save(
        m.create(User, { ...u, active: true, passwordHash, tokenVersion: 1, demoPassword: true }),
      );
      await audit(m, {
        at: now,
        actorId: null,
        action: "USER_CREATED",
        subjectType: "User",
        subjectId: user.id,
        note: "demo",
      });
      created++;
    }
    return created;
  });
}

export function describeDemoUsers(): string {
  return DEMO_USERS.map((u) => `${u.email} (${u.role}${u.communeCode ? ` ${u.communeCode}` : ""})`).join(
    ", ",
  );
}
