import { rm, unlink } from "node:fs/promises";
import { join } from "node:path";
import { LessThan, type DataSource } from "typeorm";
import { inTransaction } from "../core/transaction";
import { audit } from "../audit/audit-event.entity";
import { DossierDocument } from "../dossiers/dossier.entity";
import { StoredFile } from "./stored-file.entity";
import { variantsDir } from "../content/images";
import { ProductImage } from "../content/product-image.entity";
import { OutboxMail } from "../mail/outbox.entity";

/**
 * Removes uploads that were never attached to a dossier (or added to a product's photos) within `days` days: the row, and the bytes when no
 * other upload has the same content. Safe to run at any time and from several places (each row is
 * deleted by one run only; a file attached meanwhile is kept).
 */
export async function removeUnattachedFiles(
  dataSource: DataSource,
  filesDir: string,
  days: number,
  now: Date,
): Promise<number> {
  const before = new Date(now.getTime() - days * 24 * 3600_000);
  const candidates = await dataSource
    .getRepository(StoredFile)
    .find({ where: { createdAt: LessThan(before) }, order: { id: "ASC" } });
  let removed = 0;
  for (const file of candidates) {
    const gone = await inTransaction(dataSource, async (m) => {
      if (
        (await m.existsBy(DossierDocument, { fileId: file.id })) ||
        (await m.existsBy(ProductImage, { fileId: file.id })) ||
        (await m.existsBy(OutboxMail, { attachmentFileId: file.id }))
      )
        return false;
      const deleted = await m.delete(StoredFile, { id: file.id });
      if (!deleted.affected) return false;
      await audit(m, {
        at: now,
        actorId: null,
        action: "FILE_REMOVED",
        subjectType: "File",
        subjectId: file.id,
        note: `never attached within ${days} days: ${file.originalName}`,
      });
      return true;
    });
    if (!gone) continue;
    removed++;
    if (!(await dataSource.getRepository(StoredFile).existsBy({ sha256: file.sha256 }))) {
      await unlink(join(filesDir, file.sha256)).catch(() => undefined); // already gone: nothing to do
      await rm(variantsDir(filesDir, file.sha256), { recursive: true, force: true }); // a photo's variants
    }
  }
  return removed;
}
