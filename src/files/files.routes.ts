import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rename, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import express, { type Request, type Response, type Router } from "express";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import type { AuthService } from "../auth/auth.service";
import type { Viewer } from "../auth/auth.types";
import { ErrorCode } from "../core/errors";
import type { Clock } from "../core/time";
import type { DossierService } from "../dossiers/dossier.service";
import { StoredFile } from "./stored-file.entity";

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Accepted types, recognised by their first bytes (never by name or declared type). */
const SIGNATURES: { contentType: string; magic: number[] }[] = [
  { contentType: "application/pdf", magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { contentType: "image/png", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { contentType: "image/jpeg", magic: [0xff, 0xd8, 0xff] },
];
const sniff = (head: Buffer) => SIGNATURES.find((s) => s.magic.every((b, i) => head[i] === b))?.contentType;

type Deps = { dataSource: DataSource; auth: AuthService; dossiers: DossierService; filesDir: string; clock: Clock; log: Logger };

class UploadError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function fail(res: Response, status: number, code: string, message: string): void {
  if (res.headersSent) return;
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * POST /files (multipart, field `file`): streamed to FILES_DIR while hashing, stored under its SHA-256,
 * answers { id, sha256, size, contentType }. GET /files/:id for staff who may see a dossier it belongs to.
 */
export function filesRouter(deps: Deps): Router {
  const router = express.Router();

  const viewerOf = async (req: Request): Promise<Viewer | null> => {
    try {
      return await deps.auth.viewerFrom(req.get("authorization"), deps.clock.now());
    } catch {
      return null;
    }
  };

  router.post("/files", async (req, res) => {
    const viewer = await viewerOf(req);
    if (!viewer) return fail(res, 401, ErrorCode.UNAUTHENTICATED, "Sign in first: send Authorization: Bearer <token> from login.");
    if (!req.is("multipart/form-data")) return fail(res, 400, ErrorCode.BAD_USER_INPUT, "Send multipart/form-data with the file in field `file`.");
    try {
      const saved = await receive(req, viewer, deps);
      res.status(201).json(saved);
    } catch (e) {
      if (e instanceof UploadError) return fail(res, e.status, e.code, e.message);
      deps.log.error({ err: e, requestId: res.locals.requestId }, "upload failed");
      fail(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, "The upload failed.");
    }
  });

  router.get("/files/:id", async (req, res) => {
    const viewer = await viewerOf(req);
    if (!viewer) return fail(res, 401, ErrorCode.UNAUTHENTICATED, "Sign in first: send Authorization: Bearer <token> from login.");
    const id = Number(req.params.id);
    const file = Number.isSafeInteger(id) && id > 0 ? await deps.dataSource.getRepository(StoredFile).findOneBy({ id }) : null;
    if (!file || !(await deps.dossiers.mayReadFile(viewer, file))) return fail(res, 404, ErrorCode.NOT_FOUND, "No file has this id.");
    res.setHeader("Content-Type", file.contentType);
    res.setHeader("Content-Length", String(file.size));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Cache-Control", "private, no-store");
    res.setHeader("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.originalName)}`);
    await pipeline(createReadStream(join(deps.filesDir, file.sha256)), res).catch((e) => deps.log.warn({ err: e.message }, "download interrupted"));
  });

  return router;
}

/** Streams the one file of the request to disk; removes what it wrote whenever it does not succeed. */
async function receive(req: Request, viewer: Viewer, deps: Deps): Promise<{ id: string; sha256: string; size: number; contentType: string }> {
  const tmpDir = join(deps.filesDir, "tmp");
  await mkdir(tmpDir, { recursive: true });
  const tmp = join(tmpDir, randomUUID());
  let stored: { sha256: string; size: number; contentType: string; name: string } | undefined;
  let writing: Promise<void> | undefined;
  let sink: WriteStream | undefined;

  try {
    await new Promise<void>((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({ headers: req.headers, limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 20, parts: 25 } });
      } catch {
        return reject(new UploadError(400, ErrorCode.BAD_USER_INPUT, "The multipart body is malformed."));
      }
      parser.on("file", (field, stream, info) => {
        if (field !== "file" || writing) {
          stream.resume();
          return;
        }
        const hash = createHash("sha256");
        let size = 0;
        let head = Buffer.alloc(0);
        const meter = new Transform({
          transform(chunk: Buffer, _enc, done) {
            hash.update(chunk);
            size += chunk.length;
            if (head.length < 8) head = Buffer.concat([head, chunk]).subarray(0, 8);
            done(null, chunk);
          },
        });
        sink = createWriteStream(tmp);
        writing = pipeline(stream, meter, sink).then(() => {
          if (stream.truncated) throw new UploadError(413, ErrorCode.BAD_USER_INPUT, `The file is over the limit of ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
          const contentType = sniff(head);
          if (!contentType) throw new UploadError(415, ErrorCode.BAD_USER_INPUT, "Only PDF, JPEG and PNG files are accepted (checked by content).");
          stored = { sha256: hash.digest("hex"), size, contentType, name: (info.filename || "file").slice(0, 255) };
        });
        writing.catch(() => undefined); // awaited below
      });
      parser.on("error", () => reject(new UploadError(400, ErrorCode.BAD_USER_INPUT, "The multipart body is malformed or was cut short.")));
      parser.on("close", () => {
        if (!writing) return reject(new UploadError(400, ErrorCode.BAD_USER_INPUT, "No file in field `file`."));
        writing.then(resolve, reject);
      });
      req.on("aborted", () => reject(new UploadError(400, ErrorCode.BAD_USER_INPUT, "The upload was cut short.")));
      req.pipe(parser);
    });
    const file = stored!;
    const target = join(deps.filesDir, file.sha256);
    const exists = await stat(target).then(() => true, () => false);
    if (exists) await unlink(tmp);
    else await rename(tmp, target);
    const row = await deps.dataSource.transaction(async (m) => {
      const saved = await m.save(m.create(StoredFile, { sha256: file.sha256, size: file.size, contentType: file.contentType, originalName: file.name, uploadedById: viewer.id }));
      await audit(m, { at: deps.clock.now(), actorId: viewer.id, action: "FILE_UPLOADED", subjectType: "File", subjectId: saved.id, note: `${file.contentType}, ${file.size} bytes, sha256 ${file.sha256}` });
      return saved;
    });
    return { id: String(row.id), sha256: row.sha256, size: row.size, contentType: row.contentType };
  } finally {
    // Close the file first: a stream still opening it would create it again after the unlink.
    if (sink && !sink.closed) {
      sink.destroy();
      await new Promise<void>((resolve) => (sink!.closed ? resolve() : sink!.once("close", () => resolve())));
    }
    await unlink(tmp).catch(() => undefined); // gone already when it was kept
  }
}
