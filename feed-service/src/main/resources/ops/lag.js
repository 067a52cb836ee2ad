// The lag page: fetches /ops/lag/history every few seconds and draws, per consumer group, the lag in offsets and
// in seconds over the last hour, with a table of the current lag, its trend and the estimated time to catch up.
// Plain DOM and SVG; every text from the server goes in through textContent, never innerHTML.

const REFRESH_MS = 5000;
const COLOURS = ['#0969da', '#bf3989', '#1a7f37', '#9a6700', '#8250df', '#cf222e', '#116329', '#0550ae'];
const SVG = 'http://www.w3.org/2000/svg';

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined) return 'not catching up';
  if (seconds < 1) return 'caught up';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

function formatNumber(n, digits = 0) {
  return Number(n).toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function chart(partitions, valueIndex, caption, unit) {
  const width = 500, height = 160, left = 44, bottom = 18, top = 8;
  const figure = el('figure');
  figure.append(el('figcaption', {}, caption));
  const root = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': caption });
  const all = partitions.flatMap(p => p.series);
  const t0 = Math.min(...all.map(s => s[0]));
  const t1 = Math.max(...all.map(s => s[0]), t0 + 1);
  const max = Math.max(1, ...all.map(s => s[valueIndex]));
  const x = t => left + (width - left - 6) * (t - t0) / (t1 - t0);
  const y = v => top + (height - top - bottom) * (1 - v / max);
  root.append(svg('line', { x1: left, y1: y(0), x2: width - 6, y2: y(0), stroke: '#d0d7de' }));
  root.append(svg('text', { x: 4, y: y(max) + 4 }, `${formatNumber(max, unit === 's' ? 1 : 0)}${unit}`));
  root.append(svg('text', { x: 4, y: y(0) }, `0${unit}`));
  const span = (t1 - t0) / 1000;
  const ago = span < 90 ? `${Math.round(span)} s ago` : `${Math.round(span / 60)} min ago`;
  root.append(svg('text', { x: left, y: height - 4 }, ago));
  root.append(svg('text', { x: width - 30, y: height - 4 }, 'now'));
  partitions.forEach((p, i) => {
    const points = p.series.map(s => `${x(s[0]).toFixed(1)},${y(s[valueIndex]).toFixed(1)}`).join(' ');
    const line = svg('polyline', { points, fill: 'none', stroke: COLOURS[i % COLOURS.length], 'stroke-width': 1.6 });
    line.dataset.partition = `${p.topic}-${p.partition}`;
    root.append(line);
  });
  figure.append(root);
  return figure;
}

function table(partitions) {
  const t = el('table');
  const head = el('tr');
  for (const h of ['topic-partition', 'lag (offsets)', 'lag (s)', 'trend (/s)', 'consumed (/s)', 'catch-up']) {
    head.append(el('th', { scope: 'col' }, h));
  }
  const thead = el('thead');
  thead.append(head);
  t.append(thead);
  const body = el('tbody');
  partitions.forEach((p, i) => {
    const row = el('tr', { 'data-partition': `${p.topic}-${p.partition}` });
    const name = el('td');
    const swatch = el('span', { class: 'swatch' });
    swatch.style.background = COLOURS[i % COLOURS.length]; // a style attribute would break the page's CSP
    name.append(swatch);
    name.append(document.createTextNode(`${p.topic}-${p.partition}`));
    row.append(name);
    row.append(el('td', { class: 'lag' }, formatNumber(p.lag)));
    row.append(el('td', { class: 'lag-seconds' }, formatNumber(p.lagSeconds, 1)));
    const trendClass = p.trendPerSecond > 0 ? 'falling-behind' : p.trendPerSecond < 0 ? 'catching-up' : '';
    row.append(el('td', { class: `trend ${trendClass}` }, formatNumber(p.trendPerSecond, 1)));
    row.append(el('td', {}, formatNumber(p.consumedPerSecond, 1)));
    row.append(el('td', { class: 'eta' }, formatDuration(p.catchUpSeconds)));
    body.append(row);
  });
  t.append(body);
  return t;
}

function render(report) {
  const main = document.getElementById('groups');
  main.replaceChildren();
  main.setAttribute('aria-busy', 'false');
  if (!report.groups || report.groups.length === 0) {
    main.append(el('p', { class: 'empty' }, 'No consumer group has committed offsets yet.'));
    return;
  }
  for (const g of report.groups) {
    const section = el('section', { class: 'group', 'data-group': g.group });
    section.append(el('h2', {}, g.group));
    section.append(el('p', { class: 'summary' },
      `max lag ${formatNumber(g.maxLag)} offsets · ${formatNumber(g.maxLagSeconds, 1)} s`));
    const charts = el('div', { class: 'charts' });
    charts.append(chart(g.partitions, 1, 'Lag in offsets', ''));
    charts.append(chart(g.partitions, 2, 'Lag in seconds', 's'));
    section.append(charts);
    section.append(table(g.partitions));
    main.append(section);
  }
  document.getElementById('updated').textContent =
    `Updated ${new Date(report.at).toLocaleTimeString()}.`;
}

async function refresh() {
  try {
    const response = await fetch('/ops/lag/history', { headers: { Accept: 'application/json' } });
    if (response.ok) render(await response.json());
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

refresh();
