#!/usr/bin/env node
// Runs the tool-argument adversarial corpus (dsqlkit-mcp/src/test/resources/adversarial/tool-args.jsonl) with the
// official MCP TypeScript SDK client against a running dsqlkit MCP server over streamable HTTP.
// Usage: node tool-args.mjs URL TOKEN CORPUS MODE EXPECTS SUBSTITUTIONS_JSON
//   MODE: the corpus mode the server runs in (read-only | tenant | writes); EXPECTS: comma-separated expect values to run.
// Prints one JSON line per case: {"id", "isError", "text"}; the Java test (NodeEndToEndTest) judges them and
// fingerprints the database around the run. Exits 0 unless the client itself fails.
import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, token, corpus, mode, expects, subst] = process.argv.slice(2);
const wanted = new Set(expects.split(","));
const vars = JSON.parse(subst);
const cases = readFileSync(corpus, "utf8").split("\n")
  .filter((l) => l.trim() && !l.startsWith("#"))
  .map((l) => JSON.parse(l.replace(/\$\{(\w+)\}/g, (m, k) => (k in vars ? vars[k] : m))))
  .filter((c) => c.mode === mode && wanted.has(c.expect));

const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${token}` } },
});
const client = new Client({ name: "dsqlkit-tool-args", version: "1.0.0" });
await client.connect(transport);
for (const c of cases) {
  const r = await client.callTool({ name: c.tool, arguments: c.args });
  const text = (r.content ?? []).map((x) => x.text ?? "").join("\n") + JSON.stringify(r.structuredContent ?? {});
  console.log(JSON.stringify({ id: c.id, isError: r.isError === true, text }));
}
await client.close();
