// A TypeORM-style migration setup in the shape AWS's Aurora DSQL TypeORM sample uses, on node-postgres with an
// IAM token from @aws-sdk/dsql-signer: pin the admin role's search_path (ALTER USER ... SET), create the
// migrations table with a uuid key (no SERIAL on DSQL), then run each migration as its own transaction
// (one DDL per transaction) and record it, like TypeORM's `migrationsTransactionMode: "each"`.
// Env as node-app.mjs. Prints one JSON line; exits non-zero on any failure.
import { readFileSync } from "node:fs";
import pg from "pg";
import { DsqlSigner } from "@aws-sdk/dsql-signer";

const endpoint = process.env.DSQL_ENDPOINT;
const signer = new DsqlSigner({ hostname: endpoint, region: process.env.AWS_REGION });
const connect = async () => {
  const c = new pg.Client({
    host: process.env.DSQL_CONNECT_HOST || endpoint, port: Number(process.env.DSQL_PORT || 5432),
    user: "admin", database: "postgres", password: await signer.getDbConnectAdminAuthToken(),
    ssl: { ca: readFileSync(process.env.DSQL_CA, "utf8"), servername: endpoint, rejectUnauthorized: true },
  });
  await c.connect();
  return c;
};

const migrations = [
  { timestamp: 1733300000000, name: "CreateUser1733300000000",
    up: 'CREATE TABLE "user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "firstName" character varying NOT NULL, "lastName" character varying NOT NULL, "age" integer NOT NULL, CONSTRAINT "PK_user" PRIMARY KEY ("id"))' },
  { timestamp: 1733300000001, name: "UserAgeIndex1733300000001",
    up: 'CREATE INDEX ASYNC "IDX_user_age" ON "user" ("age")' },
  { timestamp: 1733300000002, name: "UserEmail1733300000002",
    up: 'ALTER TABLE "user" ADD COLUMN "email" character varying' },
];

const out = {};
let c;
try {
  c = await connect();
  await c.query('ALTER USER "admin" SET search_path = "public"');
  await c.end();
  c = await connect(); // a new session picks up the role's setting
  out.search_path = (await c.query("SHOW search_path")).rows[0].search_path;
  await c.query('CREATE TABLE IF NOT EXISTS "migrations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "timestamp" bigint NOT NULL, "name" character varying NOT NULL, CONSTRAINT "PK_migrations" PRIMARY KEY ("id"))');
  const done = new Set((await c.query('SELECT "name" FROM "migrations"')).rows.map((r) => r.name));
  out.applied = [];
  for (const m of migrations) {
    if (done.has(m.name)) continue;
    await c.query("BEGIN");
    await c.query(m.up);
    await c.query("COMMIT");
    await c.query("BEGIN");
    await c.query('INSERT INTO "migrations"("timestamp", "name") VALUES ($1, $2)', [m.timestamp, m.name]);
    await c.query("COMMIT");
    out.applied.push(m.name);
  }
  await c.query('INSERT INTO "user"("firstName", "lastName", "age", "email") VALUES ($1, $2, $3, $4)', ["Timber", "Saw", 25, "t@example.com"]);
  out.users = Number((await c.query('SELECT count(*) AS n FROM "user"')).rows[0].n);
  out.recorded = Number((await c.query('SELECT count(*) AS n FROM "migrations"')).rows[0].n);
  await c.query('ALTER USER "admin" RESET search_path');
  await c.end();
  console.log(JSON.stringify(out));
} catch (e) {
  console.log(JSON.stringify({ ...out, error: e.message, code: e.code }));
  await c?.end().catch(() => {});
  process.exit(1);
}
