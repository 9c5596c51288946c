/** Wall-clock time. The only way the core learns what time it is. */
export interface Clock {
  now(): Date;
}
