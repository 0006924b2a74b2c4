// The live lab: every event so far from /history, then each new one from /events.
// Events: plan, starting, finished (a row and its figure), done (medians, claims), report.
(function () {
  const $ = id => document.getElementById(id);
  const sections = {};   // scenario id -> { view, rows: target -> row, table, chart box, plot }
  let plan = null;
  let events = 0;
  const fmt = (v, d) => (v === null || v === undefined) ? '-' : Number(v).toFixed(d);
  const columns = [
    ['UNIT/s', r => fmt(r.throughput && r.throughput.messagesPerSecond, 0)],
    ['cpu us/UNIT', r => fmt(r.server && r.server.cpuMicrosPerMessage, 2)],
    ['p50 us', r => fmt(r.latency && r.latency.p50Micros, 0)],
    ['p99 us', r => fmt(r.latency && r.latency.p99Micros, 0)],
    ['threads', r => r.server ? r.server.threads : '-'],
    ['RSS MiB', r => fmt(r.server && r.server.rssMiB, 0)],
    ['bad', r => r.checks.mismatches],
    ['err', r => r.checks.errors],
    ['unserved', r => r.checks.unserved],
  ];

  function onPlan(p) {
    plan = p;
    $('total').textContent = p.total;
    $('progress').max = p.total;
    $('state').textContent = (p.quick ? 'quick mode, ' : p.rounds + ' rounds, ') + 'the ' + p.app + ' app: '
      + p.scenarios.length + ' scenarios on ' + p.targets.join(', ');
    const box = $('scenarios');
    box.textContent = '';
    const unit = p.app === 'http' ? 'req' : 'msg'; // a message of the http app is a request
    for (const s of p.scenarios) {
      const el = document.createElement('section');
      el.id = 'scenario-' + s.id;
      // the figure the chart draws gets a column of its own unless it is CPU per message already
      s.own = !s.figure.startsWith('cpu us/');
      el.innerHTML = '<h2></h2><p class="shows"></p><table><thead><tr><th>target</th>'
        + columns.map(c => '<th>' + c[0].replace('UNIT', unit) + '</th>').join('')
        + (s.own ? '<th>' + s.figure + '</th>' : '') + '<th>note</th></tr></thead>'
        + '<tbody></tbody></table><div class="chart"></div>';
      el.querySelector('h2').textContent = s.title;
      el.querySelector('.shows').textContent = s.shows;
      box.appendChild(el);
      sections[s.id] = { view: s, rows: {}, el, plot: null };
    }
  }

  function rowOf(scenario, target) {
    const sec = sections[scenario];
    if (!sec) return null;
    let tr = sec.el.querySelector('tr[data-target="' + target + '"]');
    if (!tr) {
      tr = document.createElement('tr');
      tr.dataset.target = target;
      tr.innerHTML = '<td></td>' + columns.map(() => '<td></td>').join('')
        + (sec.view.own ? '<td class="figure"></td>' : '') + '<td class="note"></td>';
      tr.firstChild.textContent = target;
      sec.el.querySelector('tbody').appendChild(tr);
    }
    return tr;
  }

  function fill(row, round) {
    const sec = sections[row.scenario];
    const tr = rowOf(row.scenario, row.target);
    if (!tr) return;
    const cells = tr.querySelectorAll('td');
    columns.forEach((c, i) => { cells[i + 1].textContent = c[1](row.row); });
    if (sec.view.own) tr.querySelector('.figure').textContent = fmt(row.figure, 2);
    tr.querySelector('.note').textContent = (round ? 'round ' + round + (row.row.note ? '; ' : '') : '') + row.row.note;
    tr.className = row.row.checks.mismatches > 0 ? 'bad' : 'measured';
    sec.rows[row.target] = row;
    draw(sec);
  }

  // one bar per target: the scenario's figure (what its chart in the report draws)
  function draw(sec) {
    const targets = Object.keys(sec.rows).filter(t => sec.rows[t].figure !== null);
    const box = sec.el.querySelector('.chart');
    if (sec.plot) { iolabCharts.forget(sec.plot); sec.plot.destroy(); sec.plot = null; }
    if (targets.length === 0) return;
    const xs = targets.map((_, i) => i);
    const ys = targets.map(t => sec.rows[t].figure);
    sec.plot = iolabCharts.track(new uPlot({
      width: Math.max(360, Math.min(720, 80 * targets.length + 120)), height: 200,
      title: sec.view.figure + (sec.view.lowerIsBetter ? ', lower is better' : ', higher is better'),
      scales: { x: { time: false, range: [-0.5, targets.length - 0.5] },
                y: { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] } }, // bars stand on zero
      axes: [{ splits: () => xs, values: (u, splits) => splits.map(i => targets[i] || '') }, iolabCharts.yAxis()],
      series: [{}, { label: sec.view.figure, fill: '#1f77b455', stroke: '#1f77b4',
                     paths: uPlot.paths.bars({ size: [0.6, 60] }), points: { show: false } }],
      legend: { show: false },
    }, [xs, ys], box));
  }

  function on(e) {
    events++;
    if (e.type === 'plan') {
      onPlan(e);
    } else if (e.type === 'starting') {
      const tr = rowOf(e.scenario, e.target);
      if (tr && tr.className !== 'measured') tr.className = 'running';
      const title = sections[e.scenario] ? sections[e.scenario].view.title : e.scenario;
      $('now').textContent = 'running: ' + title + ' on ' + e.target
        + (plan && plan.rounds > 1 ? ' (round ' + e.round + ' of ' + plan.rounds + ')' : '');
    } else if (e.type === 'finished') {
      $('done').textContent = e.done;
      $('progress').value = e.done;
      $('eta').textContent = e.done < e.total ? 'about ' + Math.round(e.etaSeconds) + ' s to go' : 'all runs made';
      fill(e.row, plan && plan.rounds > 1 ? e.round : 0);
      $('now').textContent = 'last: ' + e.row.target + ', ' + e.summary;
    } else if (e.type === 'done') {
      e.medians.forEach(r => fill(r, 0));
      $('now').textContent = e.rounds > 1 ? 'medians of ' + e.rounds + ' rounds' : 'done';
      const box = $('claims');
      box.innerHTML = '<h2>Claims</h2>';
      for (const c of e.claims) {
        const d = document.createElement('div');
        const cls = c.verdict === 'holds' ? 'holds' : c.verdict === 'does not hold here' ? 'does' : 'not';
        d.className = 'claim ' + cls;
        d.textContent = c.number + '. ' + c.verdict.toUpperCase() + ': ' + c.text + ' ' + c.evidence;
        box.appendChild(d);
      }
      $('state').textContent = 'the comparison is done';
    } else if (e.type === 'report') {
      $('linkbox').innerHTML = ' <a id="report"></a>';
      $('report').href = e.url;
      $('report').textContent = 'the report';
    }
    $('state').dataset.events = events;
  }

  // Each event is numbered: the stream opens first and what it brings waits until the history
  // is applied; then each number is applied once, and a gap refetches the history.
  // ?events=N: stop listening after N live events (a bounded look, as a headless browser takes).
  const stopAfter = Number(new URLSearchParams(location.search).get('events') || 0);
  let next = 0;
  let ready = false;
  let live = 0;
  let over = false;
  const early = [];
  function take(n) {
    if (n.seq < next) return;
    if (n.seq > next) { resync(); return; }
    next++;
    on(n.event);
    if (n.event.type === 'report') over = true;
  }
  function resync() {
    ready = false;
    fetch('/history').then(r => r.json()).then(history => {
      history.forEach(take);
      ready = true;
      early.splice(0).forEach(take);
      if (over) source.close();
    });
  }
  const source = new EventSource('/events');
  source.onerror = () => {
    if (!over) $('state').textContent = 'disconnected (the comparison ended?); retrying...';
  };
  source.onmessage = m => {
    const n = JSON.parse(m.data);
    live++;
    $('state').dataset.live = live;
    if (ready) take(n); else early.push(n);
    if (over || (stopAfter && live >= stopAfter)) source.close();
  };
  resync();
})();
