/**
 * Calendar dates without a zone (`LocalDate`, DOMAIN.md §1.1). Internally a date is an epoch day: the number of
 * days since 1970-01-01, which makes "add a day", "which weekday" and "which week" plain integer arithmetic.
 */
export type LocalDate = string;

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export const MS_PER_DAY = 86_400_000;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** Euclidean remainder: the result has the sign of the divisor, so negative epoch days work too. */
export const mod = (value: number, divisor: number): number => ((value % divisor) + divisor) % divisor;

export const epochDayOf = (date: CivilDate): number => {
  const utc = new Date(0);
  utc.setUTCFullYear(date.year, date.month - 1, date.day);
  return Math.floor(utc.getTime() / MS_PER_DAY);
};

export const civilDateOf = (epochDay: number): CivilDate => {
  const utc = new Date(epochDay * MS_PER_DAY);
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
};

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
export const weekdayOf = (epochDay: number): number => mod(epochDay + 4, 7);

/** DOMAIN.md §4.3.1: `weekIndex(x) = floor((epochDay(x) + 4) / 7)`, so weeks start on Sunday. */
export const weekIndexOf = (epochDay: number): number => Math.floor((epochDay + 4) / 7);

export const daysInMonth = (year: number, month: number): number => {
  const utc = new Date(0);
  utc.setUTCFullYear(year, month, 0);
  return utc.getUTCDate();
};

/** `YYYY-MM-DD` that names a real calendar date, or null. */
export const parseLocalDate = (value: string): CivilDate | null => {
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (match === null) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month)) return null;
  return date;
};

export const formatLocalDate = (date: CivilDate): LocalDate =>
  `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;

export const localDateOfEpochDay = (epochDay: number): LocalDate => formatLocalDate(civilDateOf(epochDay));

export const epochDayOfLocalDate = (value: LocalDate): number | null => {
  const date = parseLocalDate(value);
  return date === null ? null : epochDayOf(date);
};
