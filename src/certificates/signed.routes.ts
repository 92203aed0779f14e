import express, { type Request, type Response, type Router } from "express";
import type { Context } from "../context";

/**
 * What an offline verifier downloads, public and cacheable:
 * - GET /.well-known/jwks.json: the province's public keys, retired ones included (never a private part);
 * - GET /certificates/revocations.jws: the signed revocation list (application/jose).
 */
/** Public data for any page: an offline verifier served from another origin downloads them too. */
const public_ = (res: Response) => res.setHeader("Access-Control-Allow-Origin", "*");

export function signedRouter(contextFor: (req: Request, res: Response) => Promise<Context>): Router {
  const router = express.Router();
  router.get("/.well-known/jwks.json", async (req, res) => {
    const ctx = await contextFor(req, res);
    public_(res);
    res.setHeader("Cache-Control", "public, max-age=3600");
    res.json(ctx.services.signedLabels.jwks());
  });
  router.get("/certificates/revocations.jws", async (req, res) => {
    const ctx = await contextFor(req, res);
    public_(res);
    // A revocation reaches apps that sync within five minutes of it.
    res.setHeader("Cache-Control", "public, max-age=300");
    res.type("application/jose").send(await ctx.services.signedLabels.revocationList(ctx));
  });
  return router;
}
