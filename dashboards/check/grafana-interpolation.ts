// What Grafana does to a raw InfluxQL query before it reaches InfluxDB: template variables in regex format (each
// value regex-escaped, several values as `(a|b)`), `$timeFilter` as an absolute millisecond range, and
// `$__interval` as the time range over the panel's data points, rounded to a round interval and no finer than the
// datasource's minimum interval.

/** The characters Grafana escapes in a value it puts into a regex. */
export function escapeRegex(value: string): string {
  return value.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&');
}

export function regexFormat(values: readonly string[]): string {
  const escaped = values.map(escapeRegex);
  return escaped.length === 1 ? escaped[0]! : `(${escaped.join('|')})`;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Upper bound of raw interval -> the round interval Grafana uses for it. */
const ROUND_INTERVALS: readonly [number, number][] = [
  [10, 1],
  [15, 10],
  [35, 20],
  [75, 50],
  [150, 100],
  [350, 200],
  [750, 500],
  [1_500, SECOND],
  [3_500, 2 * SECOND],
  [7_500, 5 * SECOND],
  [12_500, 10 * SECOND],
  [17_500, 15 * SECOND],
  [25_000, 20 * SECOND],
  [45_000, 30 * SECOND],
  [90_000, MINUTE],
  [210_000, 2 * MINUTE],
  [450_000, 5 * MINUTE],
  [750_000, 10 * MINUTE],
  [1_050_000, 15 * MINUTE],
  [1_500_000, 20 * MINUTE],
  [2_700_000, 30 * MINUTE],
  [5_400_000, HOUR],
  [9_000_000, 2 * HOUR],
  [16_200_000, 3 * HOUR],
  [24_300_000, 6 * HOUR],
  [64_800_000, 12 * HOUR],
  [129_600_000, DAY],
];

export function roundInterval(ms: number): number {
  return ROUND_INTERVALS.find(([limit]) => ms <= limit)?.[1] ?? 7 * DAY;
}

/** `30s`, `5m`, `1h`... as Grafana writes intervals into queries. */
export function formatInterval(ms: number): string {
  for (const [unit, size] of [
    ['d', DAY],
    ['h', HOUR],
    ['m', MINUTE],
    ['s', SECOND],
  ] as const)
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

export function parseInterval(text: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  if (!match) throw new Error(`not an interval: ${text}`);
  const size = { ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: DAY }[match[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * size;
}

export interface QueryContext {
  from: number;
  to: number;
  /** The panel's data points (its width in pixels, or its maxDataPoints). */
  maxDataPoints: number;
  /** The datasource's "Min time interval" (`timeInterval`), e.g. the poll interval. */
  minInterval: string;
  /** Each variable's chosen values. */
  variables: ReadonlyMap<string, readonly string[]>;
}

export function intervalFor(context: QueryContext): string {
  const raw = roundInterval((context.to - context.from) / context.maxDataPoints);
  return formatInterval(Math.max(raw, parseInterval(context.minInterval)));
}

/** `$name`, `${name}` and `[[name]]`, the ways Grafana lets a query name a variable. */
const VARIABLE = /\$(\w+)|\$\{(\w+)\}|\[\[(\w+)\]\]/g;

export function variablesIn(query: string): string[] {
  return [...query.matchAll(VARIABLE)].map((match) => match[1] ?? match[2] ?? match[3]!);
}

export function interpolate(query: string, context: QueryContext): string {
  const builtIn: Record<string, string> = {
    timeFilter: `time >= ${context.from}ms and time <= ${context.to}ms`,
    __interval: intervalFor(context),
    interval: intervalFor(context),
    __interval_ms: String(parseInterval(intervalFor(context))),
  };
  return query.replace(VARIABLE, (whole, ...names: (string | undefined)[]) => {
    const name = names[0] ?? names[1] ?? names[2]!;
    if (name in builtIn) return builtIn[name]!;
    const values = context.variables.get(name);
    if (!values) throw new Error(`${whole}: no such variable`);
    return regexFormat(values);
  });
}
