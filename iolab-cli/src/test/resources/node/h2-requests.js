// Node's built-in http2 client against an iolab server (no package needed):
//   node h2-requests.js URL N
// opens one session (TLS: the certificate comes by NODE_EXTRA_CA_CERTS), sends N requests at once on it,
// GETs and POSTs to /echo alternating, and prints one line per answer in the order they were sent:
//   STATUS BODY, then SESSION ALPN (the protocol the session speaks) and DONE.
const http2 = require('node:http2');
const [url, count] = [process.argv[2], Number(process.argv[3] || 20)];
const session = http2.connect(url);
session.on('error', (e) => { console.log('ERROR ' + e.message); process.exit(1); });
setTimeout(() => { console.log('TIMEOUT'); process.exit(1); }, 20000).unref();
const answers = [];
for (let i = 0; i < count; i++) {
  const post = i % 2 === 1;
  const req = session.request(post ? { ':method': 'POST', ':path': '/echo' } : { ':path': '/plaintext' });
  let status = 0;
  let body = '';
  req.setEncoding('utf8');
  req.on('response', (h) => { status = h[':status']; });
  req.on('data', (d) => { body += d; });
  answers.push(new Promise((resolve, reject) => {
    req.on('end', () => resolve(status + ' ' + body));
    req.on('error', reject);
  }));
  req.end(post ? 'node request ' + i : undefined);
}
Promise.all(answers).then((lines) => {
  lines.forEach((l) => console.log(l));
  console.log('SESSION ' + (session.alpnProtocol || 'none'));
  session.close(() => console.log('DONE'));
}, (e) => { console.log('ERROR ' + e.message); process.exit(1); });
