import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gradeExplain, gradeSortKey, hasGrade, multiByteText } from '../../public/js/logic/usefulness.js';

test('TestUsefulness_ExplainAndSort', () => {
  const n = { role: 'repeater', usefulness_score: 0.5, usefulness_grade: 'B', bridge_score: 0.9, coverage_score: 0.5, redundancy_score: 0.4, traffic_share_score: 0.02 };
  const t = gradeExplain(n);
  assert.match(t, /^Grade B: usefulness 50 % \(band 0\.45–0\.65\)/);
  assert.match(t, /Bridge 90 %/);
  assert.match(t, /Traffic share 2 %/);
  assert.match(gradeExplain({ ...n, usefulness_grade: 'A', usefulness_score: 0.7 }), /band ≥ 0\.65/);
  assert.match(gradeExplain({ role: 'companion' }), /Only repeaters and rooms/);
  assert.match(gradeExplain({ role: 'repeater', usefulness_score: 0 }), /Not graded yet/);
  assert.equal(gradeSortKey(n), 0.5);
  assert.equal(gradeSortKey({ role: 'companion' }), null, 'ungraded nodes sort last');
  assert.ok(hasGrade(n) && !hasGrade({}));
  assert.match(multiByteText({ multi_byte_status: 'suspected', multi_byte_max_hash_size: 2 }), /^Suspected \(a 2-byte hop/);
});
