// The report's charts, drawn by uPlot from the data the report embeds (window.IOLAB_REPORT):
// values on hover (the legend under each chart follows the cursor), a click on a legend entry
// hides or shows its line, and a family's button all of its lines; one colour per target in
// every chart, by family; peers and variants dashed, peers last.
// #hover=CHART_ID:INDEX (a browser test's hook) moves the mouse over that point of that chart
// and writes what the legend then shows into #hovered, as JSON.
// Thread rule: the page's one thread.
(function () {
  const report = window.IOLAB_REPORT;
  const plots = {};

  function families(chart) {
    const seen = [];
    chart.series.forEach(s => { if (!seen.includes(s.family)) seen.push(s.family); });
    return seen;
  }

  function familyButtons(box, chart, u) {
    const bar = document.createElement('div');
    bar.className = 'families';
    for (const f of families(chart)) {
      const b = document.createElement('button');
      b.textContent = f;
      b.title = 'hide or show every ' + f + ' line';
      b.onclick = () => {
        const mine = chart.series.map((s, i) => (s.family === f ? i + 1 : -1)).filter(i => i > 0);
        const show = !mine.every(i => u.series[i].show);
        mine.forEach(i => u.setSeries(i, { show }));
        b.classList.toggle('off', !show);
      };
      bar.appendChild(b);
    }
    box.insertBefore(bar, box.firstChild);
  }

  function draw(chart) {
    const box = document.getElementById(chart.id);
    if (!box) return;
    const bars = chart.kind === 'bars';
    const xs = bars ? chart.categories.map((_, i) => i) : chart.x;
    const fmt = v => (v == null ? '-' : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));
    const series = [{ label: chart.xTitle, value: (u, v) => (v == null ? '-' : bars ? chart.categories[v] : String(v)) }]
      .concat(chart.series.map(s => ({
        label: s.label,
        stroke: s.color,
        fill: bars ? s.color + (s.dashed ? '99' : 'dd') : undefined,
        width: bars ? 1 : 2,
        dash: s.dashed && !bars ? [6, 4] : undefined,
        spanGaps: !bars,
        points: { show: !bars, size: 5 },
        paths: bars ? uPlot.paths.bars({ size: [0.7, 48], align: 0 }) : undefined,
        value: (u, v) => fmt(v),
      })));
    const opts = {
      title: chart.title,
      width: Math.min(1100, Math.max(560, box.clientWidth || 900)),
      height: 340,
      scales: {
        x: bars ? { time: false, range: [-0.6, chart.categories.length - 0.4] }
          : { time: false, distr: chart.logX ? 3 : 1 },
        y: { distr: chart.logY ? 3 : 1, range: chart.logY ? undefined : (u, min, max) => [0, max > 0 ? max * 1.08 : 1] },
      },
      axes: [
        bars ? { label: chart.xTitle, splits: () => xs, values: (u, splits) => splits.map(i => chart.categories[i] || ''),
                 rotate: -40, size: 90, gap: 4 }
          : { label: chart.xTitle },
        iolabCharts.yAxis({ label: chart.yTitle }),
      ],
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      series,
    };
    const u = new uPlot(opts, [xs].concat(chart.series.map(s => s.values)), box);
    plots[chart.id] = u;
    iolabCharts.track(u);
    familyButtons(box, chart, u);
  }

  function hoverHook() {
    const m = /^#hover=([^:]+):(\d+)$/.exec(location.hash);
    if (!m) return;
    const u = plots[m[1]];
    const out = document.getElementById('hovered');
    if (!u) { out.textContent = JSON.stringify({ error: 'no chart ' + m[1] }); return; }
    const idx = Number(m[2]);
    const rect = u.over.getBoundingClientRect();
    const left = u.valToPos(u.data[0][idx], 'x');
    const top = rect.height / 2;
    u.over.dispatchEvent(new MouseEvent('mouseenter', { clientX: rect.left + left, clientY: rect.top + top, bubbles: true }));
    u.over.dispatchEvent(new MouseEvent('mousemove', { clientX: rect.left + left, clientY: rect.top + top, bubbles: true }));
    setTimeout(() => {
      const shown = {};
      u.root.querySelectorAll('.u-legend .u-series').forEach(row => {
        const label = row.querySelector('.u-label');
        const value = row.querySelector('.u-value');
        if (label && value) shown[label.textContent] = value.textContent;
      });
      out.textContent = JSON.stringify({ idx: u.cursor.idx, shown });
    }, 100);
  }

  report.charts.forEach(draw);
  setTimeout(hoverHook, 200); // after uPlot's first layout, which sizes the scales the hook needs
})();
