/**
 * What a ZIP archive (an .xlsx workbook) says of itself in its central directory, read before anything is
 * inflated: a workbook whose parts would inflate beyond these limits is refused unread (a "zip bomb":
 * 660 KB of shared strings that inflate to 300 MB).
 */
export const ZIP_LIMITS = {
  /** All parts together, inflated. */
  totalBytes: 64 * 1024 * 1024,
  /** One part (a sheet, the shared strings), inflated. */
  entryBytes: 32 * 1024 * 1024,
  /** Inflated size over compressed size, for parts over 1 MB inflated (XML of a real sheet: 5 to 30). */
  ratio: 100,
  entries: 1000,
};

export type ZipVerdict = { ok: true } | { ok: false; reason: "notZip" | "tooLarge" };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/** Checks the central directory's sizes against ZIP_LIMITS; ZIP64 archives (over 4 GB) are refused. */
export function checkZipDirectory(bytes: Buffer): ZipVerdict {
  // The end-of-directory record is in the last 22 bytes plus a comment of up to 64 KB.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--)
    if (bytes.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  if (end < 0) return { ok: false, reason: "notZip" };
  const count = bytes.readUInt16LE(end + 10);
  const size = bytes.readUInt32LE(end + 12);
  const offset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff || offset + size > end)
    return { ok: false, reason: "notZip" };
  if (count > ZIP_LIMITS.entries) return { ok: false, reason: "tooLarge" };
  let total = 0;
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== CENTRAL) return { ok: false, reason: "notZip" };
    const compressed = bytes.readUInt32LE(at + 20);
    const inflated = bytes.readUInt32LE(at + 24);
    if (compressed === 0xffffffff || inflated === 0xffffffff) return { ok: false, reason: "tooLarge" };
    total += inflated;
    const tooRich = inflated > 1024 * 1024 && inflated > ZIP_LIMITS.ratio * Math.max(1, compressed);
    if (inflated > ZIP_LIMITS.entryBytes || total > ZIP_LIMITS.totalBytes || tooRich)
      return { ok: false, reason: "tooLarge" };
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return { ok: true };
}
