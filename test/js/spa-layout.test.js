// SPA module layout (issue #18 item 7): a page's folder is private to that page, shared code lives in
// components/, lib/ or logic/, and those never reach back into pages/. Read from the files themselves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const JS = resolve(dirname(fileURLToPath(import.meta.url)), '../../public/js');

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []);
}

// importsOf lists the relative specifiers of static imports, re-exports and dynamic import() calls.
export function importsOf(src) {
  const out = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (let m = re.exec(src); m; m = re.exec(src)) out.push(m[1]);
  return out;
}

const rel = (abs) => relative(JS, abs).split(sep).join('/');

// Router entries: pages/<name>.js loaded by a route; all entries of one route form one page family.
function routeFamilies() {
  const router = readFileSync(join(JS, 'router.js'), 'utf8');
  const family = new Map(); // 'pages/x.js' -> route name
  let current = null;
  for (const line of router.split('\n')) {
    const route = /page:\s*'([^']+)'/.exec(line)?.[1];
    if (route) current = route;
    for (const m of line.matchAll(/import\('\.\/(pages\/[^']+)'\)/g)) family.set(m[1], current);
  }
  return family;
}

// familyOf names the route a pages/ module belongs to: its own entry's route, or for pages/<d>/… the
// route that loads pages/<d>.js (null when no route owns that folder).
function familyOf(path, families) {
  const parts = path.split('/');
  if (parts.length === 2) return families.get(path) ?? null;
  return families.get(`pages/${parts[1]}.js`) ?? null;
}

/** layoutViolations checks every module under public/js and returns human-readable problems. */
export function layoutViolations(files = walk(JS).map(rel), read = (p) => readFileSync(join(JS, p), 'utf8'),
  families = routeFamilies()) {
  const problems = [];
  for (const file of files) {
    const parts = file.split('/');
    if (parts[0] === 'pages' && parts.length === 2 && !families.has(file)) {
      problems.push(`${file} sits directly in pages/ but no route loads it: move it into its page's folder`);
    }
    if (file === 'router.js') continue; // the router is the one module that loads pages
    for (const spec of importsOf(read(file))) {
      const target = rel(resolve(join(JS, dirname(file)), spec));
      if (!target.startsWith('pages/')) continue;
      if (parts[0] !== 'pages') {
        problems.push(`${file} imports ${target}: shared code must not import from pages/`);
        continue;
      }
      const tParts = target.split('/');
      if (tParts.length === 2) {
        problems.push(`${file} imports page entry ${target}: pages load each other only through the router`);
        continue;
      }
      const own = familyOf(file, families);
      const theirs = familyOf(target, families);
      if (own === null || theirs === null || own !== theirs) {
        problems.push(`${file} imports ${target} from another page's folder: move it to components/, lib/ or logic/`);
      }
    }
    if (parts[0] === 'lib') {
      for (const spec of importsOf(read(file))) {
        const target = rel(resolve(join(JS, dirname(file)), spec));
        if (/^(logic|components)\//.test(target)) problems.push(`${file} imports ${target}: lib/ is the bottom layer`);
      }
    }
  }
  return problems;
}

test('no page module imports from another page\'s folder; shared code does not import pages', () => {
  assert.deepEqual(layoutViolations(), []);
});

test('every relative import under public/js resolves to a file', () => {
  const missing = [];
  for (const abs of walk(JS)) {
    for (const spec of importsOf(readFileSync(abs, 'utf8'))) {
      if (!existsSync(resolve(dirname(abs), spec))) missing.push(`${rel(abs)} -> ${spec}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('the layout check flags the cross-page imports it is meant to catch', () => {
  const families = new Map([['pages/live.js', 'live'], ['pages/map.js', 'map'], ['pages/node.js', 'nodes'], ['pages/nodes.js', 'nodes']]);
  const src = {
    'pages/live.js': "import { a } from './map/tiles.js';\nimport { b } from './live/feed.js';",
    'pages/live/feed.js': "const m = import('../map/shapes.js');",
    'pages/node.js': "import { c } from './nodes/detail.js';",
    'pages/stray.js': '',
    'lib/index.js': "export { d } from '../logic/hops.js';",
    'components/x.js': "import { e } from '../pages/map/tiles.js';",
  };
  const got = layoutViolations(Object.keys(src), (p) => src[p], families);
  assert.deepEqual(got, [
    "pages/live.js imports pages/map/tiles.js from another page's folder: move it to components/, lib/ or logic/",
    "pages/live/feed.js imports pages/map/shapes.js from another page's folder: move it to components/, lib/ or logic/",
    'pages/stray.js sits directly in pages/ but no route loads it: move it into its page\'s folder',
    'lib/index.js imports logic/hops.js: lib/ is the bottom layer',
    'components/x.js imports pages/map/tiles.js: shared code must not import from pages/',
  ]);
});
