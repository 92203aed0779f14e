// Lists a commune's OCOP products with their photos, then follows the catalog's change feed.
//   npm run examples:portal -- http://localhost:4000/graphql 03390 [--follow]
import { CatalogCopy, communeProducts, PortalClient } from "./client";

async function main() {
  const [endpoint = "http://localhost:4000/graphql", communeCode = "03390"] = process.argv
    .slice(2)
    .filter((a) => !a.startsWith("--"));
  const client = new PortalClient(endpoint, "en");
  for (const p of await communeProducts(client, communeCode)) {
    const photo = p.images[0];
    console.log(
      `${"★".repeat(p.stars ?? 0)} ${p.nameEn ?? p.name}${photo ? `\n    ${photo.thumbnailUrl} (${photo.altEn ?? photo.alt})` : ""}`,
    );
  }
  const copy = new CatalogCopy();
  console.log("catalog copy:", await copy.sync(client), `${copy.products.size} products`);
  while (process.argv.includes("--follow")) {
    await new Promise((resolve) => setTimeout(resolve, 60_000));
    console.log(new Date().toISOString(), await copy.sync(client), `${copy.products.size} products`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
