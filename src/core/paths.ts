import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** The project root (the folder with package.json), whether running from src/ or dist/. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the project root (package.json)");
    dir = parent;
  }
  return dir;
}

/** The reference data files shipped with the project. */
export const referenceFile = (name: string) => join(projectRoot(), "reference", name);
