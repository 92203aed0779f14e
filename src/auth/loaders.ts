import type { DataSource } from "typeorm";
import { oneBy } from "../core/loaders";
import { User } from "./user.entity";

export const createAuthLoaders = (dataSource: DataSource) => ({
  user: oneBy<User, number>(dataSource.manager, User, "id"),
});
