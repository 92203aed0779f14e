import { createReadStream } from "node:fs";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import express, { type Request, type Response, type Router } from "express";
import { inTransaction } from "../core/transaction";
import { audit } from "../audit/audit-event.entity";
import type { Viewer } from "../auth/auth.types";
import { ErrorCode } from "../core/errors";
import { sendError } from "../http/rest-errors";
import type { MessageKey, Params } from "../i18n/messages";
import { StoredFile } from "./stored-file.entity";

import { contentDisposition, receive, UploadError, type UploadDeps } from "./file-store";

const fail = (res: Response, status: number, code: string, key: MessageKey, params: Params = {}) =>
  sendError(res, code, key, params, status);

/**
 * POST /files (multipart, field `file`; field `purpose`: evidence, the default, import or image): streamed to
 * FILES_DIR while hashing, stored under its SHA-256, answers { id, sha256, size, contentType, name } (and
 * width and height of a photo, whose resized variants are made at once). GET /files/:id for staff who may see
 * a dossier it belongs to.
 */
export function filesRouter(deps: UploadDeps): Router {
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
    if (!viewer) return fail(res, 401, ErrorCode.UNAUTHENTICATED, "code.UNAUTHENTICATED");
    if (!req.is("multipart/form-data")) return fail(res, 400, ErrorCode.BAD_USER_INPUT, "file.multipart");
    try {
      const saved = await receive(req, viewer, deps);
      res.status(201).json(saved);
    } catch (e) {
      if (e instanceof UploadError) return fail(res, e.status, e.code, e.key, e.params);
      deps.log.error({ err: e, requestId: res.locals.requestId }, "upload failed");
      fail(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, "code.INTERNAL_SERVER_ERROR");
    }
  });

  router.get("/files/:id", async (req, res) => {
    const viewer = await viewerOf(req);
    if (!viewer) return fail(res, 401, ErrorCode.UNAUTHENTICATED, "code.UNAUTHENTICATED");
    const id = Number(req.params.id);
    const file =
      Number.isSafeInteger(id) && id > 0
        ? await deps.dataSource.getRepository(StoredFile).findOneBy({ id })
        : null;
    if (!file || !(await deps.documents.mayReadFile(viewer, file)))
      return fail(res, 404, ErrorCode.NOT_FOUND, "dossier.noFile");
    await inTransaction(deps.dataSource, (m) =>
      audit(m, {
        at: deps.clock.now(),
        actorId: viewer.id,
        action: "FILE_DOWNLOADED",
        subjectType: "File",
        subjectId: file.id,
        note: `${file.originalName}, sha256 ${file.sha256}`,
      }),
    );
    // Served as the type recognised at upload, never as anything the name suggests.
    res.setHeader("Content-Type", file.contentType);
    res.setHeader("Content-Length", String(file.size));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Cache-Control", "private, no-store");
    res.setHeader("Content-Disposition", contentDisposition(file.originalName));
    await pipeline(createReadStream(join(deps.filesDir, file.sha256)), res).catch((e: Error) =>
      deps.log.warn({ err: e.message }, "download interrupted"),
    );
  });

  return router;
}
