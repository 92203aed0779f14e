import { Brackets, type DataSource, type EntityManager } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import { requireViewer } from "../auth/auth.service";
import { inViewerCommune, requireCommune, viewerCommunes } from "../auth/scope";
import { type CursorCodec, pageSize } from "../core/connection";
import { keysetPage } from "../core/paging";
import { badInput, conflict, notFound } from "../core/errors";
import { inTransaction, lockRow } from "../core/transaction";
import { parseId } from "../core/ids";
import { blankToNull, fold, words } from "../core/text";
import type { RequestScope } from "../request";
import { Commune } from "../geography/commune.entity";
import { type CatalogGeneration } from "./generation";
import { catalogWritten } from "./catalog-written";
import { NOWHERE, placeOf } from "../content/place-input";
import { Producer } from "./producer.entity";
import { insertProducers, type NewProducer, updateProducerRow } from "./writers";
import { Product } from "./product.entity";
import {
  type CreateProducerInput,
  StaffProducerConnection,
  type StaffProducerFilter,
  type UpdateProducerInput,
} from "./staff-catalog.types";

/** Producers as staff keep them: commune officers in their own commune, the province anywhere. */
export class StaffProducerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly generation: CatalogGeneration,
    private readonly cursors: CursorCodec,
  ) {}

  async createProducer(ctx: RequestScope, input: CreateProducerInput): Promise<Producer> {
    const viewer = requireViewer(ctx);
    requireCommune(viewer, input.communeCode);
    return inTransaction(this.dataSource, async (m) => {
      // The commune's row is held: two requests creating one producer take turns, and the second finds the first.
      if (!(await lockRow(m, Commune, { code: input.communeCode })))
        throw badInput("geo.unknownCommune", "input.communeCode", { code: input.communeCode });
      const registrationNumber = blankToNull(input.registrationNumber);
      const existing = await m.findOne(Producer, {
        where: [
          { communeCode: input.communeCode, nameKey: fold(input.name) },
          ...(registrationNumber ? [{ communeCode: input.communeCode, registrationNumber }] : []),
        ],
      });
      if (existing)
        throw conflict(
          "catalog.producerExists",
          { name: existing.name, id: existing.nodeId },
          { existingId: existing.nodeId },
        );
      return insertProducer(m, ctx, {
        name: input.name.trim(),
        kind: input.kind,
        communeCode: input.communeCode,
        registrationNumber,
        representative: blankToNull(input.representative),
        address: blankToNull(input.address),
        phone: blankToNull(input.phone),
        email: blankToNull(input.email)?.toLowerCase() ?? null,
        website: blankToNull(input.website),
        publicContact: input.publicContact ?? false,
        openingHours: blankToNull(input.openingHours),
        ...placeOf(input, NOWHERE, "input.latitude"),
      });
    });
  }

  async updateProducer(ctx: RequestScope, input: UpdateProducerInput): Promise<Producer> {
    const viewer = requireViewer(ctx);
    const id = parseId(input.id, "input.id", "Producer");
    const producer = await inTransaction(this.dataSource, async (m) => {
      const producer = await lockRow(m, Producer, id);
      if (!producer || !inViewerCommune(viewer, producer.communeCode)) throw notFound("catalog.noProducer");
      const { id: _id, ...fields } = input;
      const changes: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(fields)) {
        if (value === undefined || (value === null && REQUIRED_PRODUCER_FIELDS.has(key))) continue;
        const next = typeof value === "string" ? blankToNull(value) : value;
        if ((producer as unknown as Record<string, unknown>)[key] !== next) changes[key] = next;
      }
      // Both coordinates or neither, as they will be, and as the columns keep them.
      const place = placeOf(input, producer, "input.latitude");
      for (const key of ["latitude", "longitude"] as const)
        if (place[key] === producer[key]) delete changes[key];
        else changes[key] = place[key];
      if (!Object.keys(changes).length) return producer; // nothing changes: no write, no event
      await auditChanges(
        m,
        ctx,
        "PRODUCER_UPDATED",
        "Producer",
        id,
        producer as unknown as Record<string, unknown>,
        changes,
      );
      Object.assign(producer, changes);
      await updateProducerRow(m, id, changes);
      // The catalog shows producers' names and contacts; search covers their names.
      const renamed = changes.name
        ? await m.find(Product, { select: { id: true }, where: { producerId: id } })
        : [];
      await catalogWritten(m, { producers: [id], words: renamed.map((p) => p.id) });
      return producer;
    });
    this.generation.changed();
    return producer;
  }

  /** A producer for staff (with its products whatever their certificates). */
  async producer(ctx: RequestScope, rawId: string): Promise<Producer | null> {
    const viewer = requireViewer(ctx);
    const producer = await this.dataSource
      .getRepository(Producer)
      .findOneBy({ id: parseId(rawId, "id", "Producer") });
    return producer && inViewerCommune(viewer, producer.communeCode) ? producer : null;
  }

  /** Producers of the viewer's commune (province: all), by folded name. */
  async producers(
    ctx: RequestScope,
    args: { filter?: StaffProducerFilter | null; first?: number | null; after?: string | null },
  ): Promise<StaffProducerConnection> {
    const viewer = requireViewer(ctx);
    const f = args.filter ?? {};
    const filtered = () => {
      const qb = this.dataSource.getRepository(Producer).createQueryBuilder("p");
      const scope = viewerCommunes(viewer);
      if (scope) qb.andWhere("p.communeCode IN (:...scope)", { scope });
      if (f.communeCodes?.length)
        qb.andWhere("p.communeCode IN (:...communeCodes)", { communeCodes: f.communeCodes });
      if (f.kinds?.length) qb.andWhere("p.kind IN (:...kinds)", { kinds: f.kinds });
      const searchWords = words(f.search ?? "").slice(0, 8);
      if (searchWords.length)
        qb.andWhere(
          new Brackets((b) =>
            b.where("p.registrationNumber = :registration", { registration: f.search!.trim() }).orWhere(
              new Brackets((all) =>
                searchWords.forEach((w, i) =>
                  // Each word starts a word of the name: at its start or after a space.
                  all.andWhere(`(p.nameKey LIKE :start${i} OR p.nameKey LIKE :inner${i})`, {
                    [`start${i}`]: `${w}%`,
                    [`inner${i}`]: `% ${w}%`,
                  }),
                ),
              ),
            ),
          ),
        );
      return qb;
    };
    const page = await keysetPage(filtered(), {
      alias: "p",
      sortKey: "nameKey",
      first: pageSize(args.first),
      tag: ["producers"],
      after: args.after,
      cursors: this.cursors,
      countTotal: () => filtered().getCount(),
    });
    return Object.assign(new StaffProducerConnection(), page);
  }
}

/** Fields of a producer that cannot be emptied: null in an update leaves them as they are. */
const REQUIRED_PRODUCER_FIELDS = new Set(["name", "kind", "publicContact"]);

/** One audit event naming each changed field with its old and new value. */
export async function auditChanges(
  m: EntityManager,
  ctx: RequestScope,
  action: string,
  subjectType: string,
  subjectId: number,
  before: Record<string, unknown>,
  changes: Record<string, unknown>,
) {
  const note = Object.entries(changes)
    .map(([k, v]) => `${k}: ${JSON.stringify(before[k] ?? null)} → ${JSON.stringify(v ?? null)}`)
    .join("; ");
  await audit(m, { at: ctx.now, actorId: requireViewer(ctx).id, action, subjectType, subjectId, note });
}

/** Records a producer, with its audit event, in the caller's transaction (the caller has checked it is new). */
export async function insertProducer(
  m: EntityManager,
  ctx: RequestScope,
  fields: NewProducer,
  why?: string,
): Promise<Producer> {
  const [id] = await insertProducers(m, [fields]);
  const producer = await m.findOneByOrFail(Producer, { id });
  await audit(m, {
    at: ctx.now,
    actorId: requireViewer(ctx).id,
    action: "PRODUCER_CREATED",
    subjectType: "Producer",
    subjectId: producer.id,
    note: why ? `${producer.name} (${why})` : producer.name,
  });
  return producer;
}
