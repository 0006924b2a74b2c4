// What every live page's uPlot charts share: a y axis as wide as its widest tick label, so
// 200,000 reads a second shows whole (uPlot's fixed 50 px clipped it to "0,000").
// Thread rule: the page's one thread.
window.iolabCharts = (function () {
  // uPlot asks for an axis's size with the labels it will draw, again after a resize changed
  // them (cycleNum > 1: keep the size found, so the layout settles).
  function fitLabels(self, values, axisIdx, cycleNum) {
    const axis = self.axes[axisIdx];
    if (cycleNum > 1) return axis._size;
    let size = axis.ticks.size + axis.gap;
    const widest = (values || []).reduce((a, v) => (String(v).length > a.length ? String(v) : a), '');
    if (widest !== '') {
      self.ctx.font = axis.font[0];
      size += self.ctx.measureText(widest).width / devicePixelRatio;
    }
    return Math.ceil(size) + 2;
  }
  // For the browser tests: every chart's y-axis labels, the width each needs and the axis's size.
  const plots = [];
  function axisReport() {
    return plots.map(u => {
      const axis = u.axes[1];
      u.ctx.font = axis.font[0];
      const labels = (axis._values || []).map(String);
      return { title: u.root.querySelector('.u-title') ? u.root.querySelector('.u-title').textContent : '',
               labels, size: axis._size,
               needs: Math.ceil(axis.ticks.size + axis.gap + Math.max(0, ...labels.map(l => u.ctx.measureText(l).width / devicePixelRatio))) };
    });
  }
  return {
    yAxis: extra => Object.assign({ size: fitLabels }, extra || {}),
    track: u => { plots.push(u); return u; },
    forget: u => { const i = plots.indexOf(u); if (i >= 0) plots.splice(i, 1); },
    plots, axisReport,
  };
})();
