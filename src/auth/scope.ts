import { forbidden } from "../core/errors";
import type { Viewer } from "./auth.types";
import { Role } from "./user.entity";

/** Commune officers act in their own commune only; every other staff role is province-wide. */
export const inViewerCommune = (viewer: Viewer, communeCode: string) =>
  viewer.role !== Role.COMMUNE_OFFICER || viewer.communeCode === communeCode;

/** The communes a viewer's lists are limited to (null: all). */
export const viewerCommunes = (viewer: Viewer): string[] | null =>
  viewer.role === Role.COMMUNE_OFFICER ? [viewer.communeCode ?? "-"] : null;

export function requireCommune(viewer: Viewer, communeCode: string): void {
  if (!inViewerCommune(viewer, communeCode)) throw forbidden("auth.otherCommune");
}
