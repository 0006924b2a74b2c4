// Joins iolab's chat room over its page's WebSocket with Node's `ws` package (npm): a socket
// from an origin the server does not allow must be refused with 403; one from the page's own
// origin is told who it is, says a line and hears it back as `ip:port line`, then closes cleanly.
// Usage: node chat-join.js URL GOOD_ORIGIN BAD_ORIGIN. Prints one line per check; exits 1 on failure.
const WebSocket = require('ws');
const [url, good, bad] = process.argv.slice(2);
const timer = setTimeout(() => { console.log('FAIL timeout'); process.exit(1); }, 30000);

const refused = new WebSocket(url, {origin: bad});
refused.on('unexpected-response', (req, res) => {
  console.log('REFUSED ' + res.statusCode);
  join();
});
refused.on('open', () => { console.log('FAIL a socket from ' + bad + ' was let in'); process.exit(1); });
refused.on('error', () => {});

function join() {
  const ws = new WebSocket(url, {origin: good});
  let me = null;
  ws.on('message', (data) => {
    const text = data.toString('utf8');
    if (text.startsWith('*** you are ')) {
      me = text.substring('*** you are '.length);
      console.log('ME ' + me);
      ws.send('hello from node');
    } else if (me !== null && text === me + ' hello from node') {
      console.log('HEARD ' + text);
      ws.close(1000, 'done');
    }
  });
  ws.on('close', (code) => {
    clearTimeout(timer);
    console.log('CLOSED ' + code);
    process.exit(code === 1000 && me !== null ? 0 : 1);
  });
  ws.on('error', (e) => { console.log('FAIL ' + e.message); process.exit(1); });
}
