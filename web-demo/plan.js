// The batch plan drawn as inline SVG: one bar per batch, the instances it takes out of service
// against those still serving, and a pause mark where the update waits for approval. The plan
// itself (how many batches, how many in each, where it pauses) is the core's (core.plan).

import { tr } from './texts.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const ROW = 22;
const LABEL = 44; // the batch number's column
const PAUSE = 28; // the pause mark's column
const BAR = WIDTH - LABEL - PAUSE;

function node(tag, attrs = {}, text) {
  const n = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) n.setAttribute(name, String(value));
  if (text !== undefined) n.textContent = text;
  return n;
}

/** One batch's row: its number, the out-of-service and serving parts, its pause mark. */
function row(batch, total, y) {
  const g = node('g', { class: 'batch', 'data-batch': batch.number });
  const out = total ? Math.round((BAR * batch.instances) / total) : 0;
  const serving = total - batch.instances;
  const label = tr('plan.bar', { number: batch.number, out: batch.instances, total, serving })
    + (batch.pauseAfter ? `, ${tr('plan.bar_pause')}` : '');
  g.append(node('title', {}, label));
  g.append(node('text', { x: LABEL - 8, y: y + 15, 'text-anchor': 'end', class: 'bar-label' }, batch.number));
  g.append(node('rect', { x: LABEL, y: y + 3, width: out, height: ROW - 6, class: 'bar-out', 'data-instances': batch.instances }));
  g.append(node('rect', {
    x: LABEL + out, y: y + 3, width: BAR - out, height: ROW - 6, class: 'bar-serving', 'data-instances': serving,
  }));
  if (batch.pauseAfter) {
    const pause = node('g', { class: 'bar-pause' });
    pause.append(node('rect', { x: LABEL + BAR + 9, y: y + 4, width: 4, height: ROW - 8 }),
      node('rect', { x: LABEL + BAR + 16, y: y + 4, width: 4, height: ROW - 8 }));
    g.append(pause);
  }
  return g;
}

/** The chart of `plan` for `total` instances, with its legend. */
export function drawPlan(plan, total) {
  const figure = document.createElement('figure');
  figure.className = 'plan-chart';
  const height = Math.max(plan.batches.length, 1) * ROW;
  const svg = node('svg', {
    viewBox: `0 0 ${WIDTH} ${height}`, width: '100%', role: 'img', 'aria-labelledby': 'plan-chart-title',
    preserveAspectRatio: 'xMinYMin meet',
  });
  svg.append(node('title', { id: 'plan-chart-title' },
    tr('plan.chart', { batches: plan.batches.length, total, pauses: plan.pauses })));
  plan.batches.forEach((b, i) => svg.append(row(b, total, i * ROW)));
  const legend = document.createElement('figcaption');
  legend.className = 'legend';
  for (const [cls, key] of [['out', 'plan.out'], ['serving', 'plan.serving'], ['waits', 'plan.wait']]) {
    const item = document.createElement('span');
    const swatch = document.createElement('span');
    swatch.className = `swatch swatch-${cls}`;
    swatch.setAttribute('aria-hidden', 'true');
    item.append(swatch, tr(key));
    legend.append(item);
  }
  figure.append(svg, legend);
  return figure;
}
