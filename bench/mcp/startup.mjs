// Spawn-to-initialize-answered latency of MCP stdio servers, interleaved run by run.
//   node startup.mjs --runs 20 --server 'name=command line' --server 'name2=command line' ...
// Each run: spawn the command (through /bin/sh -c so the launcher script is included), write the
// `initialize` request at once, take the time when the line with "id":1 arrives on stdout, then send
// notifications/initialized and tools/list as a client does and take the time its answer ("id":2) arrives
// (spawn to ready: what an agent waits for before it can call a tool); then close stdin and kill the process
// (its shutdown is not timed). Prints JSON with every sample of both.
import { spawn } from "node:child_process";

const args = process.argv.slice(2);
let runs = 20;
const servers = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--runs") runs = Number(args[++i]);
  else if (args[i] === "--server") {
    const s = args[++i], eq = s.indexOf("=");
    servers.push({ name: s.slice(0, eq), cmd: s.slice(eq + 1) });
  } else throw new Error("unknown argument " + args[i]);
}
const init = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "dsqlkit-startup-bench", version: "1" } } }) + "\n";
const list = JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }) + "\n"
  + JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" }) + "\n";

function once(cmd) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const p = spawn("/bin/sh", ["-c", "exec " + cmd], { stdio: ["pipe", "pipe", "pipe"] });
    let buf = "", err = "", done = false;
    let initMs;
    const timer = setTimeout(() => finish(new Error("no initialize or tools/list answer in 60 s; stderr: " + err.slice(-2000))), 60000);
    function finish(e, ms) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      try { p.stdin.end(); } catch {}
      const kill = setTimeout(() => p.kill("SIGKILL"), 3000);
      p.once("exit", () => { clearTimeout(kill); e ? reject(e) : resolve(ms); });
      p.kill("SIGTERM");
    }
    p.stderr.on("data", d => { err += d; });
    p.stdout.on("data", d => {
      buf += d;
      for (let nl; (nl = buf.indexOf("\n")) >= 0; ) {
        const line = buf.slice(0, nl); buf = buf.slice(nl + 1);
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (initMs === undefined && /"id"\s*:\s*1\b/.test(line)) {
          if (!line.includes('"result"')) return finish(new Error("initialize failed: " + line));
          initMs = ms;
          p.stdin.write(list);
        } else if (initMs !== undefined && /"id"\s*:\s*2\b/.test(line)) {
          if (!line.includes('"tools"')) return finish(new Error("tools/list failed: " + line.slice(0, 500)));
          return finish(null, { init: initMs, ready: ms });
        }
      }
    });
    p.on("error", e => finish(e));
    p.on("exit", code => finish(new Error("exited (" + code + ") before answering; stderr: " + err.slice(-2000))));
    p.stdin.on("error", () => {});
    p.stdin.write(init);
  });
}

const samples = Object.fromEntries(servers.map(s => [s.name, []]));
const ready = Object.fromEntries(servers.map(s => [s.name, []]));
for (let r = 0; r < runs; r++) {
  const order = r % 2 === 0 ? servers : [...servers].reverse();
  for (const s of order) {
    const t = await once(s.cmd);
    samples[s.name].push(t.init);
    ready[s.name].push(t.ready);
  }
}
const median = a => { const b = [...a].sort((x, y) => x - y), m = b.length >> 1; return b.length % 2 ? b[m] : (b[m - 1] + b[m]) / 2; };
const out = {};
for (const s of servers) {
  out[s.name] = { median_ms: median(samples[s.name]), min_ms: Math.min(...samples[s.name]), samples_ms: samples[s.name],
    ready_median_ms: median(ready[s.name]), ready_samples_ms: ready[s.name] };
}
console.log(JSON.stringify(out));
