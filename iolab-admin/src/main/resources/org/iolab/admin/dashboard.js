// The admin dashboard: the last five minutes from /history, then a sample a second from /events.
(function () {
  const KEEP = 300;
  const samples = [];
  const charts = [
    { title: 'open connections', series: [['open', s => s.open, '#1f77b4']] },
    { title: 'reads per second', series: [['reads/s', s => s.readsPerSecond, '#2ca02c']] },
    { title: 'MB per second', series: [['in', s => s.bytesInPerSecond / 1e6, '#9467bd'],
                                       ['out', s => s.bytesOutPerSecond / 1e6, '#ff7f0e']] },
    { title: 'server CPU % (100 = one core)', series: [['cpu %', s => s.cpuPercent, '#d62728']] },
    { title: 'resident memory, MiB', series: [['RSS', s => s.rssBytes / 1048576, '#8c564b']] },
    { title: 'timeouts and drops (so far)', series: [['timeouts', s => s.timeouts, '#e377c2'],
                                                     ['drops', s => s.drops, '#7f7f7f']] },
    { title: 'blocked loop turns and refused work (so far)', series: [['blocked', s => s.blockedLoops, '#bcbd22'],
                                                                      ['refused', s => s.workRefused, '#17becf']] },
  ];
  const box = document.getElementById('charts');
  const width = () => Math.max(420, Math.min(640, box.clientWidth / 2 - 20));
  for (const c of charts) {
    const el = document.createElement('div');
    box.appendChild(el);
    c.plot = iolabCharts.track(new uPlot({
      title: c.title, width: width(), height: 220,
      axes: [{}, iolabCharts.yAxis()],
      series: [{}].concat(c.series.map(([label, , stroke]) => ({ label, stroke, width: 2 }))),
    }, [[]].concat(c.series.map(() => [])), el));
  }
  let events = 0;
  let changes = 0; // events whose counters moved: the page is live, not frozen
  function show() {
    const xs = samples.map(s => s.time / 1000);
    for (const c of charts) {
      c.plot.setData([xs].concat(c.series.map(([, f]) => samples.map(f))));
    }
    const s = samples[samples.length - 1];
    if (!s) return;
    const set = (id, v) => { document.getElementById(id).textContent = v; };
    set('open', s.open);
    set('accepted', s.accepted);
    set('readsPerSecond', Math.round(s.readsPerSecond));
    set('mbPerSecond', ((s.bytesInPerSecond + s.bytesOutPerSecond) / 1e6).toFixed(2));
    set('cpuPercent', s.cpuPercent.toFixed(1));
    set('rssMiB', (s.rssBytes / 1048576).toFixed(0));
    set('timeoutsDrops', s.timeouts + ' / ' + s.drops);
    set('blockedLoops', s.blockedLoops);
    set('events', events);
    set('changes', changes);
  }
  function add(s) {
    samples.push(s);
    if (samples.length > KEEP) samples.shift();
  }
  // ?events=N: stop listening after N events (a bounded look, as a headless browser takes)
  const stopAfter = Number(new URLSearchParams(location.search).get('events') || 0);
  fetch('/history').then(r => r.json()).then(history => {
    history.forEach(add);
    show();
    const source = new EventSource('/events');
    source.onopen = () => { document.getElementById('state').textContent = 'live: a sample a second'; };
    source.onerror = () => { document.getElementById('state').textContent = 'disconnected; retrying...'; };
    source.onmessage = e => {
      const s = JSON.parse(e.data);
      const last = samples[samples.length - 1];
      events++;
      if (last && (s.reads !== last.reads || s.accepted !== last.accepted)) changes++;
      add(s);
      show();
      if (stopAfter && events >= stopAfter) {
        source.close();
        document.getElementById('state').textContent = 'stopped after ' + events + ' events';
      }
    };
  });
})();
