import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import express, { type Router } from "express";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { IMAGE_CONTENT_TYPES, IMAGE_SIZES, VARIANTS_VERSION, variantsDir } from "./images";
import { ProductImage } from "./product-image.entity";

const NAME = new RegExp(`^(${Object.keys(IMAGE_SIZES).join("|")})\\.(jpg|webp)$`);
const ONE_YEAR = 365 * 24 * 3600;

/**
 * GET /images/v1/{sha256}/{thumb|medium}.{jpg|webp}: a product photo's variant, for anyone, cached for ever
 * (the URL names the content). Only photos that are a product's are served; never an original upload.
 */
export function imagesRouter(dataSource: DataSource, filesDir: string, log: Logger): Router {
  const router = express.Router();
  router.get(`/images/${VARIANTS_VERSION}/:sha256/:name`, async (req, res) => {
    const { sha256, name } = req.params;
    const match = NAME.exec(name);
    const notFound = () => res.status(404).type("text/plain").send("no such image");
    if (!/^[0-9a-f]{64}$/.test(sha256) || !match) return notFound();
    if (!(await dataSource.getRepository(ProductImage).existsBy({ sha256 }))) return notFound();
    const path = join(variantsDir(filesDir, sha256), name);
    const size = await stat(path).then(
      (s) => s.size,
      () => null,
    );
    if (size === null) {
      log.warn({ sha256, name }, "variant of a product photo missing");
      return notFound();
    }
    res.setHeader("Content-Type", IMAGE_CONTENT_TYPES[match[2]]);
    res.setHeader("Content-Length", String(size));
    res.setHeader("Cache-Control", `public, max-age=${ONE_YEAR}, immutable`);
    res.setHeader("ETag", `"${sha256}-${VARIANTS_VERSION}-${name}"`);
    res.setHeader("X-Content-Type-Options", "nosniff");
    // Portals on other sites show them (helmet's default would allow this site only).
    res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
    if (req.get("if-none-match") === res.getHeader("ETag")) return res.status(304).end();
    await pipeline(createReadStream(path), res).catch((e: Error) =>
      log.warn({ err: e.message }, "image download interrupted"),
    );
  });
  return router;
}
