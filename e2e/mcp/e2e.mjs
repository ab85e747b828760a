#!/usr/bin/env node
// End-to-end check of dsqlkit's MCP server with the official MCP TypeScript SDK client.
// Usage:
//   node e2e.mjs stdio -- CMD [ARGS...]      spawn the server and talk over stdio
//   node e2e.mjs http URL TOKEN              talk streamable HTTP to a running server
// Prints one JSON line {"ok": true, "checks": [...]} or {"ok": false, "failed": "...", ...} and exits 0/1.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [mode, ...rest] = process.argv.slice(2);
let transport;
if (mode === "stdio") {
  const sep = rest.indexOf("--");
  const [command, ...args] = rest.slice(sep + 1);
  transport = new StdioClientTransport({ command, args, env: process.env, stderr: "inherit" });
} else if (mode === "http") {
  const [url, token] = rest;
  transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
} else {
  console.error("usage: e2e.mjs stdio -- CMD [ARGS...] | e2e.mjs http URL TOKEN");
  process.exit(2);
}

const checks = [];
function check(name, cond, detail) {
  checks.push(name);
  if (!cond) {
    console.log(JSON.stringify({ ok: false, failed: name, detail }));
    process.exit(1);
  }
}
const data = (r) => r.structuredContent ?? JSON.parse(r.content[0].text);

const client = new Client({ name: "dsqlkit-e2e", version: "1.0.0" });
await client.connect(transport);
check("initialize", client.getServerVersion()?.name === "dsqlkit-aurora-dsql", client.getServerVersion());

const { tools } = await client.listTools();
const names = tools.map((t) => t.name);
for (const n of ["query", "execute", "list_tables", "describe_table", "readonly_query", "transact", "get_schema",
  "dsql_lint", "explain", "list_jobs", "wait_for_job", "dsql_guide"]) {
  check(`tool ${n} listed`, names.includes(n), names);
}
check("query is read-only", tools.find((t) => t.name === "query").annotations?.readOnlyHint === true);

const table = `e2e_${mode}_${process.pid}`;
let r = await client.callTool({ name: "execute", arguments: {
  sql: `CREATE TABLE ${table} (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), tenant_id text NOT NULL, n bigint, doc jsonb)` } });
check("execute CREATE TABLE", !r.isError, r);
r = await client.callTool({ name: "transact", arguments: {
  sql_list: [`INSERT INTO ${table} (tenant_id, n, doc) VALUES ($1, $2, $3)`, `INSERT INTO ${table} (tenant_id, n) VALUES ($1, $2)`],
  params_list: [["t1", "9007199254740993", "{\"k\": [1, 2]}"], ["t2", 7]] } });
check("transact committed", !r.isError && data(r).committed === true && data(r).attempts >= 1, r);
r = await client.callTool({ name: "query", arguments: {
  sql: `SELECT n, doc, count(*) OVER () AS total FROM ${table} WHERE tenant_id = $1`, parameters: ["t1"] } });
const row = data(r).rows?.[0];
check("query rows", !r.isError && data(r).rowCount === 1, r);
check("int8 beyond 2^53 is a string", row.n === "9007199254740993", row);
check("jsonb is parsed", Array.isArray(row.doc.k) && row.doc.k[1] === 2, row);
check("count is a number", row.total === 1, row);
r = await client.callTool({ name: "query", arguments: { sql: `COMMIT; DROP TABLE ${table}` } });
check("stacked statement refused", r.isError === true, r);
r = await client.callTool({ name: "query", arguments: { sql: `SELECT count(*) AS c FROM ${table}` } });
check("table survived", data(r).rows[0].c === 2, r);
r = await client.callTool({ name: "execute", arguments: { sql: `CREATE INDEX ${table}_n ON ${table} (n)` } });
check("lint pre-flight refuses sync index", r.isError === true && data(r).sqlstate === "0A000" && /ASYNC/i.test(data(r).fixedSql ?? ""), r);
r = await client.callTool({ name: "describe_table", arguments: { table_name: table } });
check("describe_table", !r.isError && data(r).columns.length === 4, r);
r = await client.callTool({ name: "dsql_guide", arguments: { topic: "multi-tenant" } });
check("guide", !r.isError && /tenant_id/.test(data(r).markdown), r);
const res = await client.readResource({ uri: "dsql://guide/constraints" });
check("guide resource", /CREATE INDEX ASYNC/.test(res.contents[0].text));
r = await client.callTool({ name: "execute", arguments: { sql: `DROP TABLE ${table}` } });
check("cleanup", !r.isError, r);

// Wide results: bounded in bytes, so the client (which drops the connection at 10 MiB) keeps the session.
// The client validates structuredContent against the query tool's outputSchema.
const wire = (x) => Buffer.byteLength(JSON.stringify(x));
r = await client.callTool({ name: "query", arguments: { sql: "SELECT g, repeat('x', 10240) AS pad FROM generate_series(1, 1000) g" } });
check("1,000 rows x 10 KB truncated", !r.isError && data(r).truncated === true && /size limit/.test(data(r).truncatedReason), data(r).truncatedReason);
check("1,000 rows x 10 KB response < 10 MiB", wire(r) < 10 * 1024 * 1024, wire(r));
r = await client.callTool({ name: "query", arguments: { sql: "SELECT g, repeat(md5(g::text), 320) AS pad FROM generate_series(1, 10000) g" } });
check("100 MB would-be result truncated", !r.isError && data(r).truncated === true && wire(r) < 10 * 1024 * 1024, wire(r));
check("text form fences the rows as data", /not instructions/.test(r.content[0].text) && /<<<data-[0-9a-f]{16}>>>/.test(r.content[0].text));
r = await client.callTool({ name: "query", arguments: { sql: "SELECT 1 AS one" } });
check("session alive after wide results", !r.isError && data(r).rows[0].one === 1, r);

await client.close();
console.log(JSON.stringify({ ok: true, checks: checks.length }));
