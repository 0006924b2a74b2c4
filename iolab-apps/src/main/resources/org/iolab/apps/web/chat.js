// The chat room over a WebSocket: every line anyone says, in the room's one order.
// Test hooks in the query string: ?say=TEXT says it once open; ?until=N closes after N of the
// room's lines, ?end=TEXT after a line that ends with TEXT (then #status says "done"), so that a
// headless browser's page ends by itself.
(function () {
  const params = new URLSearchParams(location.search);
  const until = params.has('until') ? parseInt(params.get('until'), 10) : -1;
  const end = params.get('end');
  const lines = document.getElementById('lines');
  const status = document.getElementById('status');
  const me = document.getElementById('me');
  let heard = 0;
  let closedByUs = false;

  function show(text, notice) {
    const li = document.createElement('li');
    li.textContent = text;
    if (notice) li.className = 'notice';
    lines.appendChild(li);
    lines.scrollTop = lines.scrollHeight;
  }

  const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
  ws.onopen = function () {
    status.textContent = 'connected';
    if (params.has('say')) ws.send(params.get('say'));
  };
  ws.onmessage = function (e) {
    const text = String(e.data);
    if (text.startsWith('*** you are ')) {
      me.textContent = text.substring('*** you are '.length);
      return;
    }
    const notice = text.startsWith('***') || text.startsWith('error:') || text.startsWith('[history] '); // shown dimmed, not counted
    show(text, notice);
    if (!notice) heard++;
    if ((until >= 0 && heard >= until) || (end && !notice && text.endsWith(' ' + end))) {
      closedByUs = true;
      status.textContent = 'done';
      ws.close(1000, 'done');
    }
  };
  ws.onclose = function (e) {
    if (closedByUs) return;
    status.textContent = 'the server is gone (connection closed' + (e.code ? ', code ' + e.code : '') + ')';
    status.className = 'gone';
    show('*** disconnected: the server is gone', true);
  };
  document.getElementById('say').onsubmit = function (e) {
    e.preventDefault();
    const input = document.getElementById('text');
    if (input.value && ws.readyState === WebSocket.OPEN) ws.send(input.value);
    input.value = '';
  };
})();
