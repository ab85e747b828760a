#!/usr/bin/env node
// Two MCP servers over stdio, measured the way a client sees them, in the SAME run and interleaved:
//   warm-up:      WARMUP calls per server first, alternating call by call, so that both servers meet the database
//                 (and the local DSQL gateway's JIT) in the same state; reported apart as the cold p50, not counted
//                 in the rounds (without it, the first round's first server pays for a cold gateway alone)
//   back-to-back: ROUNDS rounds; in each, every server gets CALLS sequential tools/call (order alternates by round)
//   agent-paced:  PACED calls per server, one server then the other, GAP_MS between a server's calls (~1 s)
// Usage: node mcp-bench.mjs --warmup 1000 --calls 1000 --rounds 3 --paced 60 --gap-ms 1000 --tool query --args '{"sql":"SELECT 1"}' \
//          --a-name dsqlkit --a 'CMD ARGS...' --b-name server-postgres --b 'CMD ARGS...'
// Prints one JSON object. Needs @modelcontextprotocol/sdk under $DSQLKIT_PEERS (bench setup.sh installs it).
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir, loadavg } from "node:os";
import { pathToFileURL } from "node:url";

const peers = process.env.DSQLKIT_PEERS || `${homedir()}/.cache/dsqlkit-peers`;
const need = createRequire(`${peers}/package.json`);
const load = (m) => import(pathToFileURL(need.resolve(m)).href);
const { Client } = await load("@modelcontextprotocol/sdk/client/index.js");
const { StdioClientTransport } = await load("@modelcontextprotocol/sdk/client/stdio.js");

const argv = process.argv.slice(2);
const opts = { warmup: 1000, calls: 1000, rounds: 3, paced: 60, "gap-ms": 1000, tool: "query", args: '{"sql":"SELECT 1"}' };
for (let i = 0; i < argv.length; i += 2) opts[argv[i].replace(/^--/, "")] = argv[i + 1];
const toolArgs = JSON.parse(opts.args);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function connect(name, cmdline) {
  const [command, ...args] = cmdline.split(" ").filter(Boolean);
  const t0 = performance.now();
  const transport = new StdioClientTransport({ command, args, env: process.env, stderr: "ignore" });
  const client = new Client({ name: "mcp-bench", version: "1" });
  await client.connect(transport);
  const startup = performance.now() - t0;
  const r = await client.callTool({ name: opts.tool, arguments: toolArgs }); // warm-up: connects the pool
  if (r.isError) throw new Error(`${name}: warm-up call failed: ${JSON.stringify(r.content)}`);
  return { name, client, pid: transport.pid, startup_ms: +startup.toFixed(1) };
}

// CPU used, in clock ticks (USER_HZ, 100 on Linux): one process (utime + stime), or the whole machine (every
// non-idle tick: this client, the server, the database and anything else running). Null where /proc is missing.
const TICK_MS = 10;
function processTicks(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8");
    const v = f.slice(f.lastIndexOf(")") + 2).split(" ");
    return Number(v[11]) + Number(v[12]);
  } catch { return null; }
}
function machineTicks() {
  try {
    const v = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    return v.reduce((a, b) => a + b, 0) - v[3] - v[4]; // all but idle and iowait
  } catch { return null; }
}
// Processes whose command line matches --watch (a regular expression), e.g. the database and the local DSQL gateway:
// their CPU is counted per call too, so that where a call's CPU goes is visible (this client and both servers excluded).
function watchedTicks() {
  if (!opts.watch) return null;
  const re = new RegExp(opts.watch);
  let sum = 0;
  try {
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid) || Number(pid) === process.pid || servers.some((s) => s.pid === Number(pid))) continue;
      let cmd;
      try { cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " "); } catch { continue; }
      if (re.test(cmd)) sum += processTicks(pid) ?? 0;
    }
  } catch { return null; }
  return sum;
}
const perCallUs = (ticks, calls) => (ticks == null ? null : +((ticks * TICK_MS * 1000) / calls).toFixed(0));

async function call(s) {
  const t = performance.now();
  let error = false;
  try {
    error = (await s.client.callTool({ name: opts.tool, arguments: toolArgs })).isError === true;
  } catch (e) {
    error = true;
  }
  return { ms: performance.now() - t, error };
}

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const median = (xs) => pct(xs, 0.5);
const r3 = (x) => (x == null ? null : +x.toFixed(3)); // null: nothing measured (PACED=0)

const servers = [await connect(opts["a-name"], opts.a), await connect(opts["b-name"], opts.b)];
const load_before = loadavg().map((x) => +x.toFixed(2));
const out = { tool: opts.tool, args: toolArgs, back_to_back: {}, paced: {} };
for (const s of servers) out.back_to_back[s.name] = { runs: [], startup_ms: s.startup_ms };

const cold = Object.fromEntries(servers.map((s) => [s.name, []]));
for (let i = 0; i < Number(opts.warmup); i++) {
  for (const s of i % 2 === 0 ? servers : [...servers].reverse()) cold[s.name].push((await call(s)).ms);
}
out.warmup = Object.fromEntries(servers.map((s) => [s.name, { calls: cold[s.name].length, p50_ms: r3(median(cold[s.name])) }]));

for (let round = 0; round < Number(opts.rounds); round++) {
  const order = round % 2 === 0 ? servers : [...servers].reverse();
  for (const s of order) {
    const lat = [];
    let errors = 0;
    const t0 = performance.now();
    const p0 = processTicks(s.pid), m0 = machineTicks(), w0 = watchedTicks();
    for (let i = 0; i < Number(opts.calls); i++) {
      const r = await call(s);
      lat.push(r.ms);
      if (r.error) errors++;
    }
    const secs = (performance.now() - t0) / 1000;
    const p1 = processTicks(s.pid), m1 = machineTicks(), w1 = watchedTicks();
    out.back_to_back[s.name].runs.push({ p50_ms: r3(pct(lat, 0.5)), p99_ms: r3(pct(lat, 0.99)), calls_per_s: +(lat.length / secs).toFixed(1), errors,
      server_cpu_us_per_call: p0 == null || p1 == null ? null : perCallUs(p1 - p0, lat.length),
      machine_cpu_us_per_call: m0 == null || m1 == null ? null : perCallUs(m1 - m0, lat.length),
      watched_cpu_us_per_call: w0 == null || w1 == null ? null : perCallUs(w1 - w0, lat.length) });
  }
}
for (const s of servers) {
  const b = out.back_to_back[s.name];
  b.p50_ms = median(b.runs.map((r) => r.p50_ms));
  b.p99_ms = median(b.runs.map((r) => r.p99_ms));
  b.calls_per_s = median(b.runs.map((r) => r.calls_per_s));
  b.errors = b.runs.reduce((n, r) => n + r.errors, 0);
  b.server_cpu_us_per_call = median(b.runs.map((r) => r.server_cpu_us_per_call));
  b.machine_cpu_us_per_call = median(b.runs.map((r) => r.machine_cpu_us_per_call));
  b.watched_cpu_us_per_call = median(b.runs.map((r) => r.watched_cpu_us_per_call));
}

const paced = Object.fromEntries(servers.map((s) => [s.name, { lat: [], errors: 0 }]));
for (let i = 0; i < Number(opts.paced); i++) {
  for (const s of i % 2 === 0 ? servers : [...servers].reverse()) {
    const r = await call(s);
    paced[s.name].lat.push(r.ms);
    if (r.error) paced[s.name].errors++;
    await sleep(Number(opts["gap-ms"]) / servers.length);
  }
}
for (const s of servers) {
  const p = paced[s.name];
  out.paced[s.name] = { calls: p.lat.length, gap_ms: Number(opts["gap-ms"]), p50_ms: r3(median(p.lat)), p99_ms: r3(pct(p.lat, 0.99)), errors: p.errors };
}
out.load_average = { before: load_before, after: loadavg().map((x) => +x.toFixed(2)) };
console.log(JSON.stringify(out));
for (const s of servers) await s.client.close();
