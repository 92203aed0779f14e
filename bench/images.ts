// npm run bench:images: what a product photo costs the server when it is uploaded: the time to make its
// four variants (320 and 960 px, JPEG and WebP, upright, without metadata) from photo-like JPEGs of 3, 12
// and 48 megapixels, one after another, and the peak RSS of the process that makes them (a child of this
// one, which generates the originals). Writes bench/images-results.md.
import { fork } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import sharp from "sharp";
import { makeVariants } from "../src/content/images";

const RUNS = Number(process.env.BENCH_IMAGE_RUNS ?? 10);
const SIZES: [number, number][] = [
  [2000, 1500],
  [4000, 3000],
  [8000, 6000],
];

/** A photo-like JPEG (noise compresses like a photo, unlike a flat colour) with a camera's EXIF. */
async function photo(width: number, height: number, seed: number): Promise<Buffer> {
  const noise = Buffer.alloc(width * height * 3);
  let x = seed * 2654435761;
  for (let i = 0; i < noise.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    noise[i] = (x >>> 24) & 0xff;
  }
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .blur(2)
    .jpeg({ quality: 88 })
    .withExif({ IFD0: { Make: "PhoneMaker", Model: "Camera 12" }, IFD3: { GPSLatitudeRef: "N" } })
    .toBuffer();
}

type Row = { width: number; height: number; bytes: number; times: number[] };

/** In a process of its own, so that its peak RSS is the variants' alone: every original of `dir`, in turn. */
async function makeAll(
  dir: string,
  files: { width: number; height: number; bytes: number; sha256: string }[],
) {
  let peakRss = process.memoryUsage().rss;
  const watch = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
  const rows = new Map<string, Row>();
  for (const f of files) {
    const started = process.hrtime.bigint();
    await makeVariants(join(dir, f.sha256), dir, f.sha256);
    const key = `${f.width}x${f.height}`;
    const row = rows.get(key) ?? { width: f.width, height: f.height, bytes: f.bytes, times: [] };
    row.times.push(Number(process.hrtime.bigint() - started) / 1e6);
    rows.set(key, row);
  }
  clearInterval(watch);
  process.send!({ rows: [...rows.values()], peakRss });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "ocop-bench-images-"));
  try {
    const files = [];
    for (const [width, height] of SIZES)
      for (let run = 0; run < RUNS; run++) {
        const original = await photo(width, height, run + 1);
        const sha256 = createHash("sha256").update(original).digest("hex");
        writeFileSync(join(dir, sha256), original);
        files.push({ width, height, bytes: original.length, sha256 });
      }
    const child = fork(__filename, ["--variants", dir], {
      env: { ...process.env, BENCH_FILES: JSON.stringify(files) },
    });
    const { rows, peakRss } = await new Promise<{ rows: Row[]; peakRss: number }>((resolve, reject) => {
      child.once("message", (m) => resolve(m as { rows: Row[]; peakRss: number }));
      child.once("error", reject);
    });
    child.kill();
    const lines = rows.map(({ width, height, bytes, times }) => {
      times.sort((a, b) => a - b);
      return `| ${width} × ${height} (${((width * height) / 1e6).toFixed(0)} MP, ${(bytes / 1024 / 1024).toFixed(1)} MB) | ${times[Math.floor(times.length / 2)].toFixed(0)} | ${times[times.length - 1].toFixed(0)} |`;
    });
    const report = `# Product photos: making the variants

\`npm run bench:images\` on ${new Date().toISOString().slice(0, 10)}: ${RUNS} photo-like JPEGs per size, one at a time,
in a process of its own (sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, Node ${process.versions.node}).
JPEGs are shrunk while they are decoded, so a larger original costs little more.

| original | median ms | worst ms |
|---|---|---|
${lines.join("\n")}

Peak RSS of that process: ${Math.round(peakRss / 1024 / 1024)} MB.
`;
    writeFileSync(join(__dirname, "..", "..", "bench", "images-results.md"), report);
    console.log(report);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--variants") void makeAll(process.argv[3], JSON.parse(process.env.BENCH_FILES!));
else void main();
