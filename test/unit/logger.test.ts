import { Writable } from "node:stream";
import { QueryFailedError } from "typeorm";
import { createLogger } from "../../src/logger";

it("never writes the parameter values of a failed statement to the log", () => {
  let written = "";
  const log = createLogger(
    "info",
    new Writable({ write: (chunk, _enc, done) => ((written += String(chunk)), done()) }),
  );
  const error = new QueryFailedError(
    "INSERT INTO producer (name, phone) VALUES (?, ?)",
    ["Nguyễn Văn A", "0912 345 678"],
    new Error("Data too long"),
  );
  log.error({ err: error }, "unexpected error");
  expect(written).toContain("INSERT INTO producer");
  expect(written).not.toContain("0912 345 678");
  expect(written).not.toContain("Nguyễn Văn A");
});
