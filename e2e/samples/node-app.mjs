// A pooled node-postgres application in the shape of AWS's Aurora DSQL Node.js samples: a pg.Pool whose password
// is a fresh IAM token from @aws-sdk/dsql-signer for every new connection, verified TLS, and whole-transaction
// retry when COMMIT (or any statement) fails with SQLSTATE 40001 (optimistic concurrency).
// Env: DSQL_ENDPOINT (the cluster host name), DSQL_PORT, DSQL_CONNECT_HOST (where the endpoint name resolves;
// loopback for local DSQL), DSQL_CA (PEM of the CA), AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY.
// Prints one JSON line with what it observed; exits non-zero on any failure.
import { readFileSync } from "node:fs";
import pg from "pg";
import { DsqlSigner } from "@aws-sdk/dsql-signer";

const endpoint = process.env.DSQL_ENDPOINT;
const signer = new DsqlSigner({ hostname: endpoint, region: process.env.AWS_REGION });
let tokens = 0;
const pool = new pg.Pool({
  host: process.env.DSQL_CONNECT_HOST || endpoint,
  port: Number(process.env.DSQL_PORT || 5432),
  user: "admin",
  database: "postgres",
  password: async () => { tokens++; return signer.getDbConnectAdminAuthToken(); },
  ssl: { ca: readFileSync(process.env.DSQL_CA, "utf8"), servername: endpoint, rejectUnauthorized: true },
  max: 8,
  idleTimeoutMillis: 10_000,
  maxLifetimeSeconds: 3000, // under DSQL's 60-minute connection limit
});

// Whole-transaction retry: the only correct way to handle 40001 on DSQL (a bare COMMIT retry is not).
async function transaction(work, maxAttempts = 50) {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return { result, attempt };
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      if (e.code !== "40001" || attempt >= maxAttempts) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    } finally {
      client.release();
    }
  }
}

const out = {};
try {
  const tls = await pool.query("SELECT current_user AS u, current_setting('ssl', true) AS ssl");
  out.user = tls.rows[0].u;
  await pool.query("DROP TABLE IF EXISTS sample_accounts");
  await pool.query("CREATE TABLE sample_accounts (id int PRIMARY KEY, balance int NOT NULL)");
  await transaction((c) => c.query("INSERT INTO sample_accounts VALUES (1, 0), (2, 0)"));

  // 8 workers x 15 increments of the same row: conflicts are certain, retries must make the total exact.
  const workers = 8, increments = 15;
  let attempts = 0, conflicts = 0;
  await Promise.all(Array.from({ length: workers }, async () => {
    for (let i = 0; i < increments; i++) {
      const { attempt } = await transaction(async (c) => {
        const { rows } = await c.query("SELECT balance FROM sample_accounts WHERE id = 1");
        await c.query("UPDATE sample_accounts SET balance = $1 WHERE id = 1", [rows[0].balance + 1]);
      });
      attempts += attempt;
      conflicts += attempt - 1;
    }
  }));
  const { rows } = await pool.query("SELECT balance FROM sample_accounts WHERE id = 1");
  out.expected = workers * increments;
  out.balance = rows[0].balance;
  out.attempts = attempts;
  out.conflicts = conflicts;
  out.tokens = tokens;
  await pool.query("DROP TABLE sample_accounts");
  await pool.end();
  console.log(JSON.stringify(out));
  process.exit(out.balance === out.expected ? 0 : 1);
} catch (e) {
  console.log(JSON.stringify({ ...out, error: e.message, code: e.code }));
  await pool.end().catch(() => {});
  process.exit(1);
}
