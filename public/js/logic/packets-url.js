// Packets page URL state (ui.md §1.4, §3.5): every filter lives in the hash query; defaults stay out. DOM-free.
import { buildHash, parseSort, formatSort } from '../lib/url.js';

/**
 * PKT_DEFAULTS are the query values omitted from the URL. The feed opens on a short recent window (ui.md §1.4:
 * 15 min); "All time" is a choice kept in the URL as timeWindow=0.
 */
export const PKT_DEFAULTS = Object.freeze({ timeWindow: '15', group: '1', sort: 'time', mine: '0' });

/** TIME_WINDOWS lists the time-window choices in minutes ('0' = all time). */
export const TIME_WINDOWS = Object.freeze([['15', 'Last 15 min'], ['30', 'Last 30 min'], ['60', 'Last 1 h'], ['180', 'Last 3 h'],
  ['360', 'Last 6 h'], ['720', 'Last 12 h'], ['1440', 'Last 24 h'], ['0', 'All time']]);

const list = (s) => String(s || '').split(',').map((x) => x.trim()).filter(Boolean);

/**
 * parsePacketsQuery turns the hash query into page state. groupDefault is the stored Group-by-hash choice,
 * used when the URL does not say; regionDefault (config defaultRegion) is the region filter of a link that
 * names none, and "region=all" asks for every region even then.
 * @returns {{timeWindow:string, types:string[], observers:string[], regions:string[], node:string, channel:string,
 *   hash:string, filter:string, sort:{col:string,asc:boolean}, group:boolean, mine:boolean, obs:string|null, regionDefault:string}}
 */
export function parsePacketsQuery(query = {}, groupDefault = true, regionDefault = '') {
  const rdef = String(regionDefault || '').toUpperCase();
  const tw = TIME_WINDOWS.some(([v]) => v === query.timeWindow) ? query.timeWindow : PKT_DEFAULTS.timeWindow;
  return {
    timeWindow: tw,
    types: list(query.type).filter((x) => /^\d+$/.test(x)),
    observers: list(query.observer),
    regions: query.region === undefined ? (rdef ? [rdef] : []) : list(query.region).map((x) => x.toUpperCase()).filter((x) => x !== 'ALL'),
    regionDefault: rdef,
    node: String(query.node || ''),
    channel: String(query.channel || ''),
    hash: String(query.hash || '').toLowerCase(),
    filter: String(query.filter || ''),
    sort: parseSort(query.sort || PKT_DEFAULTS.sort, { col: 'time', asc: false }),
    group: query.group === undefined ? Boolean(groupDefault) : query.group !== '0',
    mine: query.mine === '1',
    obs: query.obs ? String(query.obs) : null,
  };
}

/** packetsQuery converts page state back into a query object (before default-stripping). */
export function packetsQuery(st) {
  return {
    timeWindow: st.timeWindow, type: st.types.join(','), observer: st.observers.join(','),
    region: st.regions.join(',') || (st.regionDefault ? 'all' : ''),
    node: st.node, channel: st.channel, hash: st.hash, filter: st.filter, sort: formatSort(st.sort) || PKT_DEFAULTS.sort,
    group: st.group ? '1' : '0', mine: st.mine ? '1' : '0',
  };
}

/** packetsHash builds "#/packets[/<hash>]?…" for the state, the selected packet and observation. */
export function packetsHash(st, selected = null, obs = null) {
  const path = selected ? ['packets', selected] : ['packets'];
  return buildHash(path, { ...packetsQuery(st), obs: selected ? obs : null }, { ...PKT_DEFAULTS, region: st.regionDefault || '' });
}

/**
 * serverParams maps state to /api/packets query parameters: every filter the server applies goes there (types as a
 * comma list, the time window as since). Ungrouped asks for each transmission's observations, listed one row each.
 * A pinned hash names one transmission, so the time window does not hide it. now is injectable for tests.
 */
export function serverParams(st, now = Date.now()) {
  const p = { observer: st.observers.join(','), region: st.regions.join(','), node: st.node, channel: st.channel, hash: st.hash };
  if (st.types.length) p.type = st.types.join(',');
  if (st.group) p.groupByHash = 'true';
  else p.expand = 'observations';
  if (windowApplies(st)) p.since = new Date(now - Number(st.timeWindow) * 60000).toISOString();
  return p;
}

/** windowApplies tells whether the time window narrows the feed (not "All time", no pinned hash). */
export function windowApplies(st) {
  return st.timeWindow !== '0' && !st.hash;
}

/** activeFilterCount counts the filters that narrow the feed (for the Clear-all button and the badge). */
export function activeFilterCount(st) {
  return [st.timeWindow !== PKT_DEFAULTS.timeWindow, st.types.length, st.observers.length, st.regions.length, st.node, st.channel, st.hash,
    st.filter, st.mine].filter(Boolean).length;
}
