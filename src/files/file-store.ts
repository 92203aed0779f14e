import { createHash, randomUUID } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import type { Request } from "express";
import type { Logger } from "pino";
import { inTransaction } from "../core/transaction";
import type { DataSource } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import type { AuthService } from "../auth/auth.service";
import type { Viewer } from "../auth/auth.types";
import { Role } from "../auth/user.entity";
import { KEEPERS } from "../catalog/staff-catalog.resolver";
import { DossierAction, rolesFor } from "../dossiers/workflow";
import { ErrorCode } from "../core/errors";
import { addDays, endOfVietnamDay, vietnamDate, type Clock } from "../core/time";
import type { MessageKey, Params } from "../i18n/messages";
import type { DossierDocumentService } from "../dossiers/documents.service";
import { makeVariants, MAX_IMAGE_PIXELS, NotAnImage, type ImageSizeInPixels } from "../content/images";
import {
  FILE_PURPOSES,
  FILE_TYPES,
  type FilePurpose,
  StoredFile,
  type FileType,
  TYPES_FOR,
} from "./stored-file.entity";

// The file store: an upload streamed to FILES_DIR while hashed, recognised by its bytes (never its name),
// kept under its SHA-256 with a row and an audit event, within the uploader's daily quota.

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Keeps bytes the server generated (a PDF) under their SHA-256, as uploads are kept; answers the hash. */
export async function keepBytes(filesDir: string, bytes: Buffer): Promise<string> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const target = join(filesDir, sha256);
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (!exists) await writeFile(target, bytes);
  return sha256;
}

/** Accepted types, recognised by their first bytes (never by name or declared type). */
const SIGNATURES: { contentType: FileType; magic: number[] }[] = [
  { contentType: "application/pdf", magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { contentType: "image/png", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { contentType: "image/jpeg", magic: [0xff, 0xd8, 0xff] },
];
const startsWith = (head: Buffer, magic: number[]) => magic.every((b, i) => head[i] === b);
/** WebP: a RIFF container of the WEBP form. */
const isWebp = (head: Buffer) =>
  head.subarray(0, 4).toString("latin1") === "RIFF" && head.subarray(8, 12).toString("latin1") === "WEBP";
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const HEAD_BYTES = 64 * 1024;

/**
 * Text as Excel writes a CSV: UTF-16 with its byte-order mark, or UTF-8 (with or without one), with no
 * NUL bytes, and not a PDF (which may be all ASCII). Judged on the first 64 KB; a character cut at its end
 * is allowed.
 */
function isText(head: Buffer): boolean {
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return true;
  if (head.length === 0 || head.includes(0) || SIGNATURES.some((s) => startsWith(head, s.magic)))
    return false;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (let cut = 0; cut < 4 && cut < head.length; cut++) {
    try {
      decoder.decode(head.subarray(0, head.length - cut));
      return true;
    } catch {
      /* try without a last, possibly cut, character */
    }
  }
  return false;
}

/** What the bytes are, among the types the purpose accepts; an xlsx is a ZIP that holds a workbook part. */
async function sniff(purpose: FilePurpose, head: Buffer, path: string): Promise<FileType | undefined> {
  if (purpose === "evidence") return SIGNATURES.find((s) => startsWith(head, s.magic))?.contentType;
  if (purpose === "image") {
    if (isWebp(head)) return "image/webp";
    const type = SIGNATURES.find((s) => startsWith(head, s.magic))?.contentType;
    return type && TYPES_FOR.image.includes(type) ? type : undefined;
  }
  if (startsWith(head, ZIP))
    return (await readFile(path)).includes("xl/workbook.xml")
      ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      : undefined;
  return isText(head) ? "text/csv" : undefined;
}

/**
 * The uploader's name, made safe to keep and to send back: no folders, no control characters, and the
 * extension of the recognised type (a PDF named "x.html" is kept as "x.pdf").
 */
export function storedName(given: string, contentType: FileType): string {
  const base = (given.split(/[\\/]/).pop() ?? "")
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .normalize("NFC");
  const stem = base.replace(/\.[^.]{0,10}$/, "").slice(0, 200) || "tep";
  return `${stem}.${FILE_TYPES[contentType]}`;
}

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987), so Vietnamese names survive. */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** What receiving an upload needs. */
export type UploadDeps = {
  dataSource: DataSource;
  auth: AuthService;
  documents: DossierDocumentService;
  filesDir: string;
  clock: Clock;
  log: Logger;
  uploadQuotaBytesPerDay: number;
};

/** What a refused type is told, by purpose. */
const WRONG_TYPE: Record<FilePurpose, MessageKey> = {
  evidence: "file.type",
  import: "file.importType",
  image: "file.imageType",
};

/** A refused upload; its message is rendered when answered, in the request's language. */
export class UploadError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly key: MessageKey,
    readonly params: Params = {},
  ) {
    super(key);
  }
}

/** Who may upload for each purpose: the roles that can use such a file (ADMIN may do everything). */
const UPLOADERS: Record<FilePurpose, readonly Role[]> = {
  evidence: rolesFor(DossierAction.ATTACH_DOCUMENT),
  import: [Role.PROVINCE_OFFICER, Role.COMMUNE_OFFICER],
  image: KEEPERS,
};

/** Streams the one file of the request to disk; removes what it wrote whenever it does not succeed. */
export async function receive(
  req: Request,
  viewer: Viewer,
  deps: UploadDeps,
): Promise<
  { id: string; sha256: string; size: number; contentType: string; name: string } & Partial<ImageSizeInPixels>
> {
  const overQuota = () =>
    new UploadError(429, ErrorCode.RATE_LIMITED, "file.quota", {
      megabytes: Math.round(deps.uploadQuotaBytesPerDay / 1024 / 1024),
    });
  const usedToday = () => uploadedToday(deps.dataSource, viewer.id, deps.clock.now());
  if ((await usedToday()) >= deps.uploadQuotaBytesPerDay) throw overQuota();
  const tmpDir = join(deps.filesDir, "tmp");
  await mkdir(tmpDir, { recursive: true });
  const tmp = join(tmpDir, randomUUID());
  let received: { sha256: string; size: number; head: Buffer; filename: string } | undefined;
  let purpose = "evidence";
  let writing: Promise<void> | undefined;
  let sink: WriteStream | undefined;

  try {
    await new Promise<void>((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        // defParamCharset: browsers send the file name as raw UTF-8, which busboy would read as Latin-1.
        parser = busboy({
          headers: req.headers,
          defParamCharset: "utf8",
          limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 20, parts: 25 },
        });
      } catch {
        return reject(new UploadError(400, ErrorCode.BAD_USER_INPUT, "file.malformed"));
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
            if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk]).subarray(0, HEAD_BYTES);
            done(null, chunk);
          },
        });
        sink = createWriteStream(tmp);
        writing = pipeline(stream, meter, sink).then(() => {
          if (stream.truncated)
            throw new UploadError(413, ErrorCode.BAD_USER_INPUT, "file.tooLarge", {
              megabytes: MAX_FILE_BYTES / 1024 / 1024,
            });
          received = { sha256: hash.digest("hex"), size, head, filename: info.filename ?? "" };
        });
        writing.catch(() => undefined); // awaited below
      });
      parser.on("field", (name, value: string) => {
        if (name === "purpose") purpose = value.trim();
      });
      parser.on("error", () => reject(new UploadError(400, ErrorCode.BAD_USER_INPUT, "file.cutShort")));
      parser.on("close", () => {
        if (!writing) return reject(new UploadError(400, ErrorCode.BAD_USER_INPUT, "file.missing"));
        writing.then(resolve, reject);
      });
      req.on("aborted", () => reject(new UploadError(400, ErrorCode.BAD_USER_INPUT, "file.cutShort")));
      req.pipe(parser);
    });
    if (!(FILE_PURPOSES as readonly string[]).includes(purpose))
      throw new UploadError(400, ErrorCode.BAD_USER_INPUT, "file.purpose");
    const forWhat = purpose as FilePurpose;
    if (viewer.role !== Role.ADMIN && !UPLOADERS[forWhat].includes(viewer.role))
      throw new UploadError(403, ErrorCode.FORBIDDEN, "file.purposeNotYours", { purpose: forWhat });
    const contentType = await sniff(forWhat, received!.head, tmp);
    if (!contentType) throw new UploadError(415, ErrorCode.BAD_USER_INPUT, WRONG_TYPE[forWhat]);
    const file = { ...received!, contentType, name: storedName(received!.filename, contentType) };
    // A photo must decode: its served variants are made now (never the original, which keeps its EXIF).
    const pixels =
      forWhat === "image"
        ? await makeVariants(tmp, deps.filesDir, file.sha256).catch((e: unknown) => {
            if (!(e instanceof NotAnImage)) throw e;
            deps.log.info({ err: e.message }, "photo refused");
            throw new UploadError(415, ErrorCode.BAD_USER_INPUT, "file.notAnImage", {
              megapixels: MAX_IMAGE_PIXELS / 1_000_000,
            });
          })
        : undefined;
    if ((await usedToday()) + file.size > deps.uploadQuotaBytesPerDay) throw overQuota();
    const target = join(deps.filesDir, file.sha256);
    const exists = await stat(target).then(
      () => true,
      () => false,
    );
    if (exists) await unlink(tmp);
    else await rename(tmp, target);
    const row = await inTransaction(deps.dataSource, async (m) => {
      const saved = await m.save(
        m.create(StoredFile, {
          sha256: file.sha256,
          size: file.size,
          contentType: file.contentType,
          originalName: file.name,
          purpose: forWhat,
          uploadedById: viewer.id,
          createdAt: deps.clock.now(),
        }),
      );
      await audit(m, {
        at: deps.clock.now(),
        actorId: viewer.id,
        action: "FILE_UPLOADED",
        subjectType: "File",
        subjectId: saved.id,
        note: `${forWhat}: ${file.contentType}, ${file.size} bytes, sha256 ${file.sha256}`,
      });
      return saved;
    });
    return {
      id: String(row.id),
      sha256: row.sha256,
      size: row.size,
      contentType: row.contentType,
      name: row.originalName,
      ...pixels,
    };
  } finally {
    // Close the file first: a stream still opening it would create it again after the unlink.
    if (sink && !sink.closed) {
      sink.destroy();
      await new Promise<void>((resolve) => (sink!.closed ? resolve() : sink!.once("close", () => resolve())));
    }
    await unlink(tmp).catch(() => undefined); // gone already when it was kept
  }
}

/** Bytes the user uploaded since midnight, Vietnam time. */
async function uploadedToday(dataSource: DataSource, userId: number, now: Date): Promise<number> {
  const midnight = endOfVietnamDay(addDays(vietnamDate(now), -1));
  const row = await dataSource
    .getRepository(StoredFile)
    .createQueryBuilder("f")
    .select("COALESCE(SUM(f.size), 0)", "bytes")
    .where("f.uploadedById = :userId AND f.createdAt >= :midnight", { userId, midnight })
    .getRawOne<{ bytes: string | number }>();
  return Number(row?.bytes ?? 0);
}
