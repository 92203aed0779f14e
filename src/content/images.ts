import { randomUUID } from "node:crypto";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import sharp, { type OutputInfo, type ResizeOptions } from "sharp";

// Memory stays predictable, and no file stays open after it was read.
sharp.cache(false);

/** The sizes served: the longest side, in pixels (never enlarged). */
export const IMAGE_SIZES = { thumb: 320, medium: 960 } as const;
export type ImageSize = keyof typeof IMAGE_SIZES;

/** The formats each size is served in, with their extension. */
export enum ImageFormat {
  JPEG = "JPEG",
  WEBP = "WEBP",
}
export const IMAGE_FORMATS: Record<ImageFormat, string> = { JPEG: "jpg", WEBP: "webp" };

export const IMAGE_CONTENT_TYPES: Record<string, string> = { jpg: "image/jpeg", webp: "image/webp" };

/**
 * Raised when the variants are made differently (sizes, quality): variants are cached as immutable under
 * their URL, so new ones need new URLs.
 */
export const VARIANTS_VERSION = "v1";

/** A larger picture is refused (a decompression bomb fits in a few kilobytes). */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** Folder of an original's variants: FILES_DIR/images/<version>/<sha256>/<size>.<ext>. */
export const variantsDir = (filesDir: string, sha256: string) =>
  join(filesDir, "images", VARIANTS_VERSION, sha256);

/** The URL path of a variant, relative to the public base URL. */
export const variantPath = (sha256: string, size: ImageSize, format: ImageFormat) =>
  `/images/${VARIANTS_VERSION}/${sha256}/${size}.${IMAGE_FORMATS[format]}`;

/** The bytes could not be read as a picture (or it has too many pixels). */
export class NotAnImage extends Error {}

export type ImageSizeInPixels = { width: number; height: number };

/**
 * Makes the variants of an original (each size in each format), turned upright by its EXIF orientation
 * and without any metadata (EXIF, GPS, XMP, ICC: sharp keeps none unless asked), and answers the
 * medium's size. Written to a temporary folder, then moved into place whole, so that a concurrent upload
 * of the same picture or a reader never sees half of them; already made: only read.
 */
export async function makeVariants(
  source: string,
  filesDir: string,
  sha256: string,
): Promise<ImageSizeInPixels> {
  const dir = variantsDir(filesDir, sha256);
  const made = await mediumSize(dir);
  if (made) return made;
  // Decoded once, at the largest size served: any failure here is the picture's, not the server's.
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await sharp(source, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: "error" })
      .autoOrient()
      .resize(box(IMAGE_SIZES.medium))
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (e) {
    throw new NotAnImage((e as Error).message);
  }
  const { width, height, channels } = decoded.info;
  const tmp = `${dir}.${randomUUID()}.tmp`;
  await mkdir(tmp, { recursive: true });
  try {
    for (const [size, pixels] of Object.entries(IMAGE_SIZES) as [ImageSize, number][]) {
      const resized = sharp(decoded.data, { raw: { width, height, channels } }).resize(box(pixels));
      await resized
        .clone()
        .flatten({ background: "#ffffff" }) // JPEG has no transparency
        .jpeg({ quality: 82, mozjpeg: true })
        .toFile(join(tmp, `${size}.jpg`));
      await resized.webp({ quality: 80 }).toFile(join(tmp, `${size}.webp`));
    }
    await mkdir(join(dir, ".."), { recursive: true });
    await rename(tmp, dir).catch(async (e: NodeJS.ErrnoException) => {
      if (!(await mediumSize(dir))) throw e; // made meanwhile by another upload of the same picture
    });
    return { width, height };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Fits in a square of this side, never enlarged. */
const box = (pixels: number): ResizeOptions => ({
  width: pixels,
  height: pixels,
  fit: "inside",
  withoutEnlargement: true,
});

/** The medium variant's size when the variants were made (their folder is moved in whole), else null. */
function mediumSize(dir: string): Promise<ImageSizeInPixels | null> {
  return sharp(join(dir, "medium.jpg"))
    .metadata()
    .then(
      ({ width, height }) => ({ width, height }),
      () => null,
    );
}
