/**
 * Where the CPU time of a `node --cpu-prof` profile goes, by package or area of the stack: the
 * self time of every sample is charged to the nearest frame (itself or a caller) whose script
 * belongs to a known area, so native calls count with the JavaScript that made them
 * (better-sqlite3's `prepare` with the driver, `JSON.stringify` with its caller). Pure: no I/O.
 */

interface CallFrame {
  functionName: string;
  url: string;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

/** The `.cpuprofile` format V8 writes (times in microseconds). */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const PACKAGE_AREAS: Array<[RegExp, string]> = [
  [/^better-sqlite3$|^pg$|^pg-/, 'database driver (better-sqlite3)'],
  [/^knex$/, 'knex (query building and execution)'],
  [/^@strapi\/database$/, 'Strapi query layer (@strapi/database)'],
  [/^lodash(\.|$)/, 'lodash'],
  [/^@koa\/router$|^path-to-regexp$/, 'router (@koa/router)'],
  [
    /^koa(-|$)|^@koa\/|^co-body$|^raw-body$|^koa-helmet$|^helmet$|^formidable$/,
    'Koa and middlewares',
  ],
  [
    /^graphql$|^@apollo\/|^nexus$|^@graphql-tools\/|^graphql-/,
    'GraphQL execution (graphql-js, Apollo, nexus)',
  ],
  [/^@strapi\/plugin-graphql$/, 'Strapi GraphQL plugin (resolvers, formats)'],
  [
    /^@strapi\/plugin-users-permissions$|^@strapi\/permissions$|^@casl\//,
    'permissions (users-permissions, CASL)',
  ],
  [/^@strapi\/i18n$/, 'i18n plugin'],
  [/^zod$|^yup$|^ajv$|^qs$/, 'query validation and sanitising (@strapi/utils, zod, qs)'],
  [/^dataloader$|^fast-json-stable-stringify$/, 'our plugins'],
];

/** The area of a script, or null for one that says nothing (native code, V8 builtins). */
export function areaOf({ functionName, url }: CallFrame): string | null {
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'V8 and native (unattributed)';
  if (!url) return null;
  const modules = url.lastIndexOf('/node_modules/');
  if (modules === -1) {
    if (url.startsWith('node:')) return 'Node.js core (http, net, streams)';
    if (url.includes('/src/plugins/')) return 'our plugins';
    return 'our app (config, middlewares)';
  }
  const rest = url.slice(modules + '/node_modules/'.length);
  const parts = rest.split('/');
  const name = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  if (name === '@strapi/utils') {
    return /validate|sanitize|traverse|convert-query-params|query-params/.test(rest)
      ? 'query validation and sanitising (@strapi/utils, zod, qs)'
      : 'Strapi utils (other)';
  }
  if (name === '@strapi/core') {
    if (/document-service|entity-validator/.test(rest)) return 'Strapi document service';
    if (/middlewares|services\/server|koa/.test(rest)) return 'Koa and middlewares';
    if (/content-api|sanitize|validate/.test(rest))
      return 'query validation and sanitising (@strapi/utils, zod, qs)';
    return 'Strapi core (other)';
  }
  for (const [pattern, area] of PACKAGE_AREAS) if (pattern.test(name)) return area;
  return `other (${name})`;
}

export interface Breakdown {
  /** Milliseconds of CPU time in the window, idle excluded. */
  busyMs: number;
  /** Milliseconds the window lasted. */
  wallMs: number;
  areas: Array<{ area: string; ms: number; share: number }>;
}

/**
 * Busy time by area over the samples taken in `[fromUs, toUs]` (profile clock, microseconds;
 * defaults: the whole profile).
 */
export function breakdown(profile: CpuProfile, fromUs = -Infinity, toUs = Infinity): Breakdown {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const areaCache = new Map<number, string>();
  const resolveArea = (id: number): string => {
    const cached = areaCache.get(id);
    if (cached !== undefined) return cached;
    let current: number | undefined = id;
    let area: string | null = null;
    while (current !== undefined && area === null) {
      const node = byId.get(current);
      area = node ? areaOf(node.callFrame) : null;
      current = parent.get(current);
    }
    const resolved = area ?? 'V8 and native (unattributed)';
    areaCache.set(id, resolved);
    return resolved;
  };

  const totals = new Map<string, number>();
  let time = profile.startTime;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i] ?? 0;
    // A sample's time is charged to the interval up to the next one.
    const next = profile.timeDeltas[i + 1] ?? 0;
    if (time < fromUs || time > toUs) continue;
    first = Math.min(first, time);
    last = Math.max(last, time);
    const area = resolveArea(profile.samples[i]);
    totals.set(area, (totals.get(area) ?? 0) + next);
  }
  totals.delete('idle');
  const busyUs = [...totals.values()].reduce((sum, value) => sum + value, 0);
  const areas = [...totals.entries()]
    .map(([area, us]) => ({ area, ms: Math.round(us / 1000), share: busyUs > 0 ? us / busyUs : 0 }))
    .sort((a, b) => b.ms - a.ms);
  return { busyMs: Math.round(busyUs / 1000), wallMs: Math.round((last - first) / 1000), areas };
}

/** The breakdown as a Markdown table. */
export function breakdownTable(title: string, result: Breakdown): string {
  const rows = result.areas
    .filter((area) => area.share >= 0.005)
    .map((area) => `| ${area.area} | ${area.ms} | ${(area.share * 100).toFixed(1)} % |`);
  return [
    `${title}: ${result.busyMs} ms busy in ${result.wallMs} ms`,
    '',
    '| Area | CPU ms | share of busy time |',
    '| --- | ---: | ---: |',
    ...rows,
  ].join('\n');
}

/** The functions with the most self time in the window (native ones under their own name). */
export function topFunctions(
  profile: CpuProfile,
  count: number,
  fromUs = -Infinity,
  toUs = Infinity
): Array<{ name: string; ms: number }> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i] ?? 0;
    if (time < fromUs || time > toUs) continue;
    const frame = byId.get(profile.samples[i])?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    const file = frame.url.includes('/node_modules/')
      ? frame.url.slice(frame.url.lastIndexOf('/node_modules/') + 14)
      : frame.url.replace(/^.*\/(src|dist)\//, '$1/');
    const name = `${frame.functionName || '(anonymous)'}${file ? ` ${file}` : ''}`;
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  return [...totals.entries()]
    .map(([name, us]) => ({ name, ms: Math.round(us / 1000) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count);
}
