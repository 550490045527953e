/** Locale-aware formatting of what the UI shows, all through Intl. */
export interface Formatters {
  /** An integer count: 12,345 / 12,345. */
  count(value: number): string;
  /** An area given in square metres, shown in hectares (公顷): small grids are a fraction of one. */
  area(squareMetres: number): string;
  /** A date the API sends as a string, e.g. a leader's `since`; an unparseable string is shown as is. */
  date(value: string): string;
  /** An instant the API sends (ISO date-time), with the time, in the street's time zone. */
  dateTime(value: string): string;
  /** A longitude or latitude in degrees, to six places (about 0.1 m). */
  coordinate(degrees: number): string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The street office's own time zone, for date-times the API sends with a time. */
export const STREET_TIME_ZONE = 'Asia/Shanghai';
/** Asia/Shanghai is UTC+8 all year (no daylight saving). */
export const STREET_OFFSET_MS = 8 * 3_600_000;

/**
 * The calendar day of `at` on the street's calendar, as YYYY-MM-DD: "today" (今天) for a form's
 * date field. Between 00:00 and 08:00 in Beijing the UTC date is still the day before.
 */
export function streetDay(at: Date = new Date()): string {
  return new Date(at.getTime() + STREET_OFFSET_MS).toISOString().slice(0, 10);
}

/** The calendar month of `at` on the street's calendar: its label ("2026-11") and its [from, to) instants. */
export function streetMonth(at: Date): { label: string; from: string; to: string } {
  const local = new Date(at.getTime() + STREET_OFFSET_MS);
  const from = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - STREET_OFFSET_MS;
  const to = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - STREET_OFFSET_MS;
  return { label: local.toISOString().slice(0, 7), from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

export function createFormatters(locale: string): Formatters {
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const hectares = new Intl.NumberFormat(locale, { style: 'unit', unit: 'hectare', maximumSignificantDigits: 3 });
  const coordinate = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 6,
    maximumFractionDigits: 6,
    useGrouping: false,
  });
  // A bare date means that calendar day; formatting it in UTC keeps it from shifting a day.
  const dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: STREET_TIME_ZONE });
  const instant = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone: STREET_TIME_ZONE });

  return {
    count: (value) => count.format(value),
    area: (squareMetres) => hectares.format(squareMetres / 10_000),
    date: (value) => {
      const time = Date.parse(value);
      if (Number.isNaN(time)) return value;
      return (ISO_DATE.test(value) ? dateOnly : dateTime).format(time);
    },
    dateTime: (value) => {
      const time = Date.parse(value);
      return Number.isNaN(time) ? value : instant.format(time);
    },
    coordinate: (degrees) => coordinate.format(degrees),
  };
}
