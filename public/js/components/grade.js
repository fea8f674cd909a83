// Usefulness grade badge (repeaters and rooms) with the explanation as its tooltip, and the
// four-axis breakdown shown on the node detail.
import { h } from '../lib/dom.js';
import { hasGrade, gradeTone, gradeExplain, AXES, WEIGHTS } from '../logic/usefulness.js';

/** gradeBadge renders the grade letter (or "—" for nodes without one); the title explains it. */
export function gradeBadge(n) {
  if (!hasGrade(n)) return h('span', { class: 'muted grade-none', title: gradeExplain(n) }, '—');
  return h('span', { class: `badge grade-badge badge-${gradeTone(n.usefulness_grade)}`, title: gradeExplain(n), dataset: { grade: n.usefulness_grade } },
    n.usefulness_grade);
}

/** gradeBreakdown renders the score with one bar per axis, or null for nodes without scores. */
export function gradeBreakdown(n) {
  if (n.usefulness_score === undefined) return null;
  const weight = { bridge_score: WEIGHTS.bridge, coverage_score: WEIGHTS.coverage, redundancy_score: WEIGHTS.redundancy, traffic_share_score: WEIGHTS.traffic };
  return h('div', { class: 'grade-breakdown', id: 'nodeGrade' },
    h('div', { class: 'grade-head' }, gradeBadge(n),
      h('span', { dataset: { stat: 'usefulness_score' } }, ` ${Math.round(n.usefulness_score * 100)} % usefulness`)),
    h('ul', { class: 'grade-axes' }, AXES.map(([key, label, what]) => {
      const v = Math.max(0, Math.min(1, Number(n[key]) || 0));
      return h('li', { title: `${label}: ${what} (weight ${Math.round(weight[key] * 100)} %)` },
        h('span', { class: 'grade-axis-label' }, label),
        h('span', { class: 'grade-bar', 'aria-hidden': 'true' }, h('span', { style: { width: `${Math.round(v * 100)}%` } })),
        h('span', { class: 'grade-axis-num', dataset: { axis: key } }, `${Math.round(v * 100)} %`));
    })),
    h('p', { class: 'muted small' }, hasGrade(n) ? 'Bars are relative to the strongest node of the mesh; traffic share is the raw fraction.' : 'Not graded yet: the neighbour graph has not been built since the server started.'));
}
