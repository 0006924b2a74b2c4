// An independent client for iolab's ws app: Node's `ws` package (npm). It sends text and binary
// messages of 0 B, 125 B, 126 B, 64 KiB and 1 MiB, whole and fragmented, checks that each comes
// back upper-cased, then closes cleanly. Prints one line per check; exits 1 on the first failure.
const WebSocket = require('ws');
const url = process.argv[2];
const sizes = [0, 125, 126, 64 * 1024, 1024 * 1024];
const plan = [];
for (const n of sizes) for (const binary of [false, true]) for (const fragmented of [false, true]) plan.push({n, binary, fragmented});

function lower(n) { const b = Buffer.alloc(n); for (let i = 0; i < n; i++) b[i] = 97 + (i % 26); return b; }
function upper(b) { const u = Buffer.from(b); for (let i = 0; i < u.length; i++) if (u[i] >= 97 && u[i] <= 122) u[i] -= 32; return u; }

const ws = new WebSocket(url, {maxPayload: 4 * 1024 * 1024});
let step = 0;
const timer = setTimeout(() => { console.log('FAIL timeout at step ' + step); process.exit(1); }, 60000);
function next() {
  if (step === plan.length) { ws.close(1000, 'done'); return; }
  const p = plan[step];
  const m = lower(p.n);
  if (p.fragmented && p.n > 1) {
    const half = Math.floor(p.n / 2);
    ws.send(m.subarray(0, half), {binary: p.binary, fin: false});
    ws.send(m.subarray(half), {binary: p.binary, fin: true});
  } else {
    ws.send(p.binary ? m : m.toString('latin1'), {binary: p.binary});
  }
}
ws.on('open', next);
ws.on('message', (data, isBinary) => {
  const p = plan[step];
  const want = upper(lower(p.n));
  const got = Buffer.isBuffer(data) ? data : Buffer.from(data);
  if (isBinary !== p.binary || !got.equals(want)) {
    console.log('FAIL ' + JSON.stringify(p) + ' got ' + got.length + ' bytes, binary ' + isBinary);
    process.exit(1);
  }
  console.log('OK ' + (p.binary ? 'binary' : 'text') + ' ' + p.n + (p.fragmented ? ' fragmented' : ''));
  step++;
  next();
});
ws.on('close', (code, reason) => { clearTimeout(timer); console.log('CLOSED ' + code + ' ' + reason); process.exit(code === 1000 && step === plan.length ? 0 : 1); });
ws.on('error', (e) => { console.log('FAIL ' + e.message); process.exit(1); });
