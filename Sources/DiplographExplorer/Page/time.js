// Days as the frames carry them: ordinals, days since 1970-01-01 (UTC).

const MS_PER_DAY = 86400000;

export function isoDay(ordinal) {
  return new Date(ordinal * MS_PER_DAY).toISOString().slice(0, 10);
}

// `2023`, `2023-06` or `2023-06-27` as the ordinal of its last day (as the CLI reads
// `--at`), or null when the text is not a date.
export function parseDay(text) {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text || "");
  if (!match) return null;
  const year = Number(match[1]);
  if (match[3]) {
    const date = Date.UTC(year, Number(match[2]) - 1, Number(match[3]));
    const back = new Date(date);
    if (back.getUTCMonth() !== Number(match[2]) - 1) return null;
    return date / MS_PER_DAY;
  }
  if (match[2]) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) return null;
    return Date.UTC(year, month, 1) / MS_PER_DAY - 1;
  }
  return Date.UTC(year + 1, 0, 1) / MS_PER_DAY - 1;
}

// The day `count` months after `ordinal`, kept within the shorter month's end.
export function addMonths(ordinal, count) {
  const date = new Date(ordinal * MS_PER_DAY);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + count, 1));
  const lastOfMonth = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastOfMonth));
  return target.getTime() / MS_PER_DAY;
}

// A step of the slider: `day`, `week` or `month`, `count` times (negative: back).
export function stepDay(ordinal, unit, count) {
  if (unit === "month") return addMonths(ordinal, count);
  return ordinal + count * (unit === "week" ? 7 : 1);
}

// `30d`, `90d`, `365d` (or a bare number of days) as days; `all` or nothing as null.
export function parseWindow(text) {
  if (!text || text === "all") return null;
  const match = /^(\d{1,5})d?$/.exec(text);
  return match ? Number(match[1]) : undefined;
}

export function windowText(days) {
  return days === null ? "all" : `${days}d`;
}
