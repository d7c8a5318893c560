// Times as people read them: a measured figure in ns, µs, ms or s with three significant digits,
// and the same time scaled so that one processor cycle lasts a second, in human units.

const digits = (value, precision) => String(Number(value.toPrecision(precision)));

// The largest unit in which `amount` (in the smallest unit) rounds to at least 1.
function inUnits(amount, units, precision) {
  for (const [size, name, plural = name] of units) {
    const value = Number((amount / size).toPrecision(precision));
    if (value >= 1 || size === units[units.length - 1][0]) {
      return { value: digits(amount / size, precision), unit: value === 1 ? name : plural };
    }
  }
  return null;
}

const CLOCK = [
  [1e9, 's'],
  [1e6, 'ms'],
  [1e3, 'µs'],
  [1, 'ns'],
];
const YEAR = 365.25 * 86400;
const HUMAN = [
  [YEAR, 'year', 'years'],
  [YEAR / 12, 'month', 'months'],
  [86400, 'day', 'days'],
  [3600, 'hour', 'hours'],
  [60, 'minute', 'minutes'],
  [1, 'second', 'seconds'],
];

const join = (from, to) =>
  from.unit === to.unit || `${from.unit}s` === to.unit
    ? `${from.value}–${to.value} ${to.unit}`
    : `${from.value} ${from.unit} – ${to.value} ${to.unit}`;

// 0.312 ns, 97.4 ns, 53.2 µs, 1.52 ms; with `upTo`, a range: 5–10 ms.
export function formatDuration(ns, upTo) {
  const from = inUnits(ns, CLOCK, 3);
  return upTo ? join(from, inUnits(upTo, CLOCK, 3)) : `${from.value} ${from.unit}`;
}

// If one cycle of a `ghz` processor lasted a second: 0.9 seconds, 5.2 minutes, 14 years.
export function formatScaled(ns, ghz, upTo) {
  const from = inUnits(ns * ghz, HUMAN, 2);
  return upTo ? join(from, inUnits(upTo * ghz, HUMAN, 2)) : `${from.value} ${from.unit}`;
}
