/** Time of day without a zone (`LocalTime`, DOMAIN.md §1.1; API-CONTRACT.md §3.5): `HH:mm`, 24-hour. */
export type LocalTime = string;

export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
}

export const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export const TIME_FORMAT_MESSAGE = '"time" must match HH:mm';

export const isValidLocalTime = (value: unknown): value is LocalTime =>
  typeof value === 'string' && LOCAL_TIME_PATTERN.test(value);

export const parseLocalTime = (value: string): TimeOfDay | null => {
  if (!isValidLocalTime(value)) return null;
  return { hour: Number(value.slice(0, 2)), minute: Number(value.slice(3, 5)) };
};

export const formatLocalTime = (time: TimeOfDay): LocalTime =>
  `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;

export const minuteOfDay = (time: TimeOfDay): number => time.hour * 60 + time.minute;
