// Exit 0 when a server answers at TEST_DATABASE_URL (a login, not just an open port); --wait N retries N seconds.
const { createConnection } = require("mysql2/promise");

const url = new URL(process.env.TEST_DATABASE_URL || "mysql://root@127.0.0.1:3306/ocop_test");
const waitIndex = process.argv.indexOf("--wait");
const deadline = Date.now() + (waitIndex > 0 ? Number(process.argv[waitIndex + 1]) * 1000 : 0);

async function attempt() {
  const conn = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    connectTimeout: 3000,
  });
  await conn.query("SELECT 1");
  await conn.end();
}

(async () => {
  for (;;) {
    try {
      await attempt();
      process.exit(0);
    } catch (e) {
      if (Date.now() >= deadline) {
        console.error(`no database at ${url.host}: ${e.message}`);
        process.exit(1);
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
})();
