import type { DataSource } from "typeorm";
import { StartupError } from "./open";
import { isLoopbackHost } from "../config";
import { User } from "../auth/user.entity";

/**
 * The demo password is published: a server reachable from other machines must not accept it. Refuses to
 * start on a non-loopback address while any active account still has it.
 */
export async function refuseDemoPasswordsBeyondLoopback(dataSource: DataSource, host: string): Promise<void> {
  if (isLoopbackHost(host)) return;
  const users = await dataSource
    .getRepository(User)
    .find({ select: { email: true }, where: { active: true, demoPassword: true }, take: 5 });
  if (users.length) {
    throw new StartupError(
      `refusing to listen on ${host}: active accounts still have the published demo password (${users.map((u) => u.email).join(", ")}). ` +
        "Change their passwords (changePassword, resetUserPassword) or deactivate them, or listen on 127.0.0.1 (HOST=127.0.0.1).",
    );
  }
}
