// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import request from "supertest";
import { AuditEvent } from "../../src/audit/audit-event.entity";
import { type Product } from "../../src/catalog/product.entity";
import { StoredFile } from "../../src/files/stored-file.entity";
import { fromGlobalId } from "../../src/core/node";
import { makeProduct } from "../support/factory";
import { FixedClock, TEST_FILES_DIR } from "../support/http";
import { op } from "../support/operations";
import { cameraPhoto, PDF, upload, uploadPhoto, useStaffApp } from "../support/staff";

const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
const t = useStaffApp(clock);

const binary = (req: request.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on("data", (c: Buffer) => chunks.push(c));
    res.on("end", () => done(null, Buffer.concat(chunks)));
  });

/** GET of an absolute image URL from the app (its path). */
const fetchImage = (url: string, headers: Record<string, string> = {}) =>
  binary(request(t.app.app).get(new URL(url).pathname).set(headers));

/** A certified product of Bình Lư (03390). */
async function certifiedProduct(name: string) {
  return (
    await makeProduct(t.db.dataSource, { name, communeCode: "03390", stars: 4, decisionDate: "2026-01-10" })
  ).product;
}

async function addPhoto(product: Product, bytes: Buffer, alt: string, altEn?: string) {
  const uploaded = await uploadPhoto(t.app.app, t.staff.binhLu.headers, bytes);
  expect(uploaded.status).toBe(201);
  const r = await t.app.gql(
    op("AddProductImage"),
    { input: { productId: String(product.id), fileId: uploaded.body.id, alt, altEn } },
    t.staff.binhLu.headers,
  );
  expect(r.body.errors).toBeUndefined();
  return { uploaded: uploaded.body, images: r.body.data.addProductImage.images };
}

describe("product photos", () => {
  it("shows three photos in the product page and listings, resized, upright, without EXIF or GPS, cached for ever", async () => {
    const product = await certifiedProduct("Mật ong bạc hà Mèo Vạc");
    const first = await addPhoto(
      product,
      await cameraPhoto(1600, 1200, "#d09030"),
      "Hũ mật ong",
      "A jar of honey",
    );
    expect(first.uploaded).toMatchObject({ contentType: "image/jpeg", width: 960, height: 720 });
    // Taken sideways: the camera wrote Orientation 6 (turn 90°); served upright.
    const sideways = await sharp(await cameraPhoto(1600, 1200, "#806020"))
      .withMetadata({ orientation: 6 })
      .toBuffer();
    await addPhoto(product, sideways, "Tổ ong");
    const png = await sharp({ create: { width: 500, height: 500, channels: 4, background: "#20a0f080" } })
      .png()
      .toBuffer();
    await addPhoto(product, png, "Nhãn sản phẩm");

    const page = await t.app.gql(op("ProductContent"), { slug: product.slug });
    expect(page.body.errors).toBeUndefined();
    const images = page.body.data.product.images;
    expect(images.map((i: { alt: string; altEn: string | null }) => [i.alt, i.altEn])).toEqual([
      ["Hũ mật ong", "A jar of honey"],
      ["Tổ ong", null],
      ["Nhãn sản phẩm", null],
    ]);
    expect(images.map((i: { width: number; height: number }) => [i.width, i.height])).toEqual([
      [960, 720],
      [720, 960],
      [500, 500], // never enlarged
    ]);

    const listing = await t.app.gql(op("CatalogListingWithThumbnails"), { first: 100 });
    const node = listing.body.data.products.edges.find(
      (e: { node: { slug: string } }) => e.node.slug === product.slug,
    ).node;
    expect(node.images.map((i: { thumbnailUrl: string }) => i.thumbnailUrl)).toEqual(
      images.map((i: { thumbnailUrl: string }) => i.thumbnailUrl),
    );

    const webp = await t.app.gql(
      `query($slug: String!) { product(slug: $slug) { images { url(format: WEBP) thumbnailUrl(format: WEBP) } } }`,
      { slug: product.slug },
    );
    const urls = [
      ...images.flatMap((i: { url: string; thumbnailUrl: string }) => [i.url, i.thumbnailUrl]),
      ...webp.body.data.product.images.flatMap((i: { url: string; thumbnailUrl: string }) => [
        i.url,
        i.thumbnailUrl,
      ]),
    ];
    expect(urls).toHaveLength(12);
    for (const url of urls) {
      expect(url).toMatch(/^http:\/\/localhost:4000\/images\/v1\/[0-9a-f]{64}\/(thumb|medium)\.(jpg|webp)$/);
      const served = await fetchImage(url);
      expect(served.status).toBe(200);
      expect(served.headers["content-type"]).toBe(url.endsWith(".webp") ? "image/webp" : "image/jpeg");
      expect(served.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(served.headers["cross-origin-resource-policy"]).toBe("cross-origin");
      const bytes = served.body as Buffer;
      const meta = await sharp(bytes).metadata();
      expect({ url, exif: meta.exif, xmp: meta.xmp, icc: meta.icc }).toEqual({
        url,
        exif: undefined,
        xmp: undefined,
        icc: undefined,
      });
      expect(bytes.includes("PhoneMaker")).toBe(false);
      expect(bytes.includes("Exif")).toBe(false);
      expect(Math.max(meta.width, meta.height)).toBeLessThanOrEqual(url.includes("/thumb.") ? 320 : 960);
      const again = await fetchImage(url, { "if-none-match": served.headers.etag });
      expect(again.status).toBe(304);
    }
    // The original keeps what the camera wrote, and is never public.
    const original = await request(t.app.app).get(`/files/${first.uploaded.id}`);
    expect(original.status).toBe(401);
    const stored = await t.db.dataSource
      .getRepository(StoredFile)
      .findOneByOrFail({ id: Number(first.uploaded.id) });
    expect(stored.purpose).toBe("image");
    expect((await sharp(join(TEST_FILES_DIR, stored.sha256)).metadata()).exif).toBeDefined();
    // Not a product's photo, a made-up hash, a name outside the variants: 404.
    for (const path of [
      `/images/v1/${"a".repeat(64)}/medium.jpg`,
      new URL(images[0].url).pathname.replace("medium.jpg", "original.jpg"),
      new URL(images[0].url).pathname.replace("/v1/", "/v0/"),
    ])
      expect((await request(t.app.app).get(path)).status).toBe(404);
    expect(
      await t.db.dataSource.getRepository(AuditEvent).countBy({ action: "PRODUCT_IMAGE_ADDED" }),
    ).toBeGreaterThanOrEqual(3);
  });

  it("refuses a file that is not a photo, a damaged one, a picture too large and 30 MB, writing nothing", async () => {
    const files = () => t.db.dataSource.getRepository(StoredFile).count();
    const variants = () =>
      existsSync(join(TEST_FILES_DIR, "images", "v1"))
        ? readdirSync(join(TEST_FILES_DIR, "images", "v1")).length
        : 0;
    const [filesBefore, variantsBefore] = [await files(), variants()];
    const send = (bytes: Buffer, name: string) => uploadPhoto(t.app.app, t.staff.binhLu.headers, bytes, name);

    const pdf = await send(PDF, "anh.jpg");
    expect(pdf.status).toBe(415);
    expect(pdf.body.errors[0]).toMatchObject({
      message: "Chỉ nhận ảnh JPEG, PNG và WebP (kiểm tra theo nội dung tệp).", // staff read Vietnamese
      extensions: { code: "BAD_USER_INPUT" },
    });
    const damaged = await send(
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5000, 7)]),
      "x.jpg",
    );
    expect(damaged.status).toBe(415);
    expect(JSON.stringify(damaged.body)).toMatch(/cannot be read|Không đọc được ảnh/);
    // 60 megapixels in a few kilobytes: refused before it is decoded.
    const bomb = await sharp({ create: { width: 10_000, height: 6_000, channels: 3, background: "#fff" } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect((await send(bomb, "bomb.png")).status).toBe(415);
    const huge = Buffer.concat([await cameraPhoto(100, 100), Buffer.alloc(30 * 1024 * 1024, 1)]);
    const tooLarge = await send(huge, "lon.jpg");
    expect(tooLarge.status).toBe(413);
    expect(JSON.stringify(tooLarge.body)).toMatch(/20 MB/);
    expect([await files(), variants()]).toEqual([filesBefore, variantsBefore]);

    const webp = await send(
      await sharp(await cameraPhoto(300, 200))
        .webp()
        .toBuffer(),
      "anh.webp",
    );
    expect(webp.body).toMatchObject({ contentType: "image/webp", name: "anh.webp", width: 300, height: 200 });
  });

  it("takes at most 10 photos, only the officer's own photo uploads, only for products of their commune", async () => {
    const product = await certifiedProduct("Chè Shan tuyết");
    for (let i = 0; i < 10; i++) await addPhoto(product, await cameraPhoto(200 + i, 150), `Ảnh ${i + 1}`);
    const add = async (fileId: string, headers = t.staff.binhLu.headers, productId = product.id) =>
      t.app.gql(
        op("AddProductImage"),
        { input: { productId: String(productId), fileId, alt: "Ảnh" } },
        headers,
      );
    const eleventh = await uploadPhoto(t.app.app, t.staff.binhLu.headers, await cameraPhoto(500, 300));
    expect((await add(eleventh.body.id)).body.errors?.[0].extensions?.code).toBe("CONFLICT");

    const other = await certifiedProduct("Gạo nếp");
    const theirs = await uploadPhoto(t.app.app, t.staff.thanUyen.headers, await cameraPhoto(501, 300));
    expect(
      (await add(theirs.body.id, t.staff.binhLu.headers, other.id)).body.errors?.[0].extensions,
    ).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "input.fileId",
    });
    const evidence = await upload(
      t.app.app,
      t.staff.binhLu.headers,
      await cameraPhoto(502, 300),
      "chung-tu.jpg",
    );
    expect(evidence.status).toBe(201);
    expect(
      (await add(evidence.body.id, t.staff.binhLu.headers, other.id)).body.errors?.[0].extensions?.code,
    ).toBe("BAD_USER_INPUT");
    const mine = await uploadPhoto(t.app.app, t.staff.thanUyen.headers, await cameraPhoto(503, 300));
    expect(
      (await add(mine.body.id, t.staff.thanUyen.headers, other.id)).body.errors?.[0].extensions?.code,
    ).toBe("NOT_FOUND");
    expect((await add(mine.body.id, {}, other.id)).body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect((await t.app.gql(op("ProductContent"), { slug: other.slug })).body.data.product.images).toEqual(
      [],
    );
  });

  it("orders, relabels and removes photos; a removed photo is no longer served", async () => {
    const product = await certifiedProduct("Rượu ngô");
    for (const colour of ["#101010", "#202020", "#303030"])
      await addPhoto(product, await cameraPhoto(400, 300, colour), colour);
    const images = (
      await t.app.gql(`query($s: String!) { product(slug: $s) { images { id url } } }`, { s: product.slug })
    ).body.data.product.images;
    const mutate = (query: string, variables: Record<string, unknown>) =>
      t.app.gql(query, variables, t.staff.binhLu.headers);
    const ordered = await mutate(
      `mutation($input: OrderProductImagesInput!) { orderProductImages(input: $input) { images { alt } } }`,
      {
        input: {
          productId: String(product.id),
          imageIds: [...images].reverse().map((i: { id: string }) => i.id),
        },
      },
    );
    expect(ordered.body.data.orderProductImages.images.map((i: { alt: string }) => i.alt)).toEqual([
      "#303030",
      "#202020",
      "#101010",
    ]);
    const incomplete = await mutate(
      `mutation($input: OrderProductImagesInput!) { orderProductImages(input: $input) { id } }`,
      { input: { productId: String(product.id), imageIds: [images[0].id] } },
    );
    expect(incomplete.body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const relabelled = await mutate(
      `mutation($input: UpdateProductImageInput!) { updateProductImage(input: $input) { images { alt altEn } } }`,
      { input: { id: images[0].id, altEn: "Corn wine" } },
    );
    expect(relabelled.body.data.updateProductImage.images[2]).toEqual({ alt: "#101010", altEn: "Corn wine" });
    const removed = await mutate(`mutation($id: ID!) { removeProductImage(id: $id) { images { alt } } }`, {
      id: images[1].id,
    });
    expect(removed.body.data.removeProductImage.images.map((i: { alt: string }) => i.alt)).toEqual([
      "#303030",
      "#101010",
    ]);
    expect((await fetchImage(images[1].url)).status).toBe(404);
    expect((await fetchImage(images[0].url)).status).toBe(200);
    const other = await t.app.gql(
      `mutation($id: ID!) { removeProductImage(id: $id) { id } }`,
      { id: images[0].id },
      t.staff.thanUyen.headers,
    );
    expect(other.body.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });
});

describe("where to buy", () => {
  it("shows points of sale, and the producer's contact only when the producer agreed", async () => {
    const product = await certifiedProduct("Miến dong Bình Lư");
    const set = (pointsOfSale: Record<string, unknown>[]) =>
      t.app.gql(
        `mutation($input: SetPointsOfSaleInput!) { setProductPointsOfSale(input: $input) { id } }`,
        { input: { productId: String(product.id), pointsOfSale } },
        t.staff.binhLu.headers,
      );
    const half = await set([{ name: "Chợ", latitude: 22.4 }]);
    expect(half.body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const badUrl = await set([{ name: "Shop", url: "javascript:alert(1)" }]);
    expect(badUrl.body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(
      (
        await set([
          {
            name: "Cửa hàng OCOP Lai Châu",
            address: "Đường Trần Hưng Đạo, Lai Châu",
            phone: "0213 3876 543",
            latitude: 22.3964521,
            longitude: 103.4582,
          },
          { name: "Gian hàng trực tuyến", url: "https://shop.example.vn/mien-dong" },
        ])
      ).body.errors,
    ).toBeUndefined();

    const read = async () =>
      (await t.app.gql(op("ProductContent"), { slug: product.slug })).body.data.product;
    const before = await read();
    expect(before.pointsOfSale).toEqual([
      {
        name: "Cửa hàng OCOP Lai Châu",
        address: "Đường Trần Hưng Đạo, Lai Châu",
        phone: "0213 3876 543",
        url: null,
        latitude: 22.396452,
        longitude: 103.4582,
      },
      {
        name: "Gian hàng trực tuyến",
        address: null,
        phone: null,
        url: "https://shop.example.vn/mien-dong",
        latitude: null,
        longitude: null,
      },
    ]);
    // The factory's producer has a phone but has not agreed to show it.
    expect(before.producer).toMatchObject({ publicContact: null, latitude: null, longitude: null });
    const producerQuery = `query($slug: String!) { product(slug: $slug) { producer { id phone updatedAt } } }`;
    const hidden = (await t.app.gql(producerQuery, { slug: product.slug })).body.data.product.producer;
    expect(hidden.phone).toBeNull();
    const staffSees = await t.app.gql(producerQuery, { slug: product.slug }, t.staff.binhLu.headers);
    expect(staffSees.body.data.product.producer.phone).toBe("0213 000 000");

    const agreed = await t.app.gql(
      `mutation($input: UpdateProducerInput!) { updateProducer(input: $input) { id updatedAt } }`,
      {
        input: {
          id: hidden.id,
          publicContact: true,
          openingHours: "7:00–17:00 hằng ngày",
          website: "https://htx.example.vn",
          latitude: 22.39,
          longitude: 103.46,
        },
      },
      t.staff.binhLu.headers,
    );
    expect(agreed.body.errors).toBeUndefined();
    const after = await read();
    expect(after.producer).toMatchObject({
      publicContact: {
        phone: "0213 000 000",
        address: null,
        website: "https://htx.example.vn",
        openingHours: "7:00–17:00 hằng ngày",
      },
      latitude: 22.39,
      longitude: 103.46,
    });
    expect((await t.app.gql(producerQuery, { slug: product.slug })).body.data.product.producer.phone).toBe(
      "0213 000 000",
    );
    const onlyOne = await t.app.gql(
      `mutation($input: UpdateProducerInput!) { updateProducer(input: $input) { id } }`,
      { input: { id: hidden.id, latitude: null } },
      t.staff.binhLu.headers,
    );
    expect(onlyOne.body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const events = await t.db.dataSource
      .getRepository(AuditEvent)
      .findBy({ action: "PRODUCER_UPDATED", subjectId: fromGlobalId(hidden.id)!.key });
    expect(events.at(-1)!.note).toContain("publicContact: false → true");
  });
});

describe("the verification page", () => {
  it("shows the product's first photo", async () => {
    const product = await certifiedProduct("Cá hồi Sìn Hồ");
    await addPhoto(product, await cameraPhoto(800, 600, "#e08070"), "Cá hồi tươi", "Fresh salmon");
    await addPhoto(product, await cameraPhoto(800, 600, "#70e080"), "Ảnh thứ hai");
    const certificate = (
      await t.app.gql(`query($s: String!) { product(slug: $s) { certificate { number } images { url } } }`, {
        s: product.slug,
      })
    ).body.data.product;
    const vi = await request(t.app.app).get(`/verify/${certificate.certificate.number}`);
    expect(vi.text).toContain(
      `<img src="${certificate.images[0].url}" alt="Cá hồi tươi" width="800" height="600">`,
    );
    expect(vi.text).not.toContain("Ảnh thứ hai");
    expect(vi.headers["content-security-policy"]).toContain("img-src http://localhost:4000");
    const en = await request(t.app.app).get(`/verify/${certificate.certificate.number}?lang=en`);
    expect(en.text).toContain('alt="Fresh salmon"');
  });
});
