/** Small numeric helpers shared by the analysis rules (DOMAIN.md §10): pure, no rounding surprises. */

export const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/** Rounds half away from zero to `decimals` places; never returns -0 (it would print as "-0.0" on the screens). */
export const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
  return rounded === 0 ? 0 : rounded;
};

/** Arithmetic mean; 0 for no values (analyses report 0, never null, where the app formats numbers). */
export const mean = (values: readonly number[]): number =>
  values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;

/** Population variance (divides by n); 0 for fewer than two values. */
export const populationVariance = (values: readonly number[]): number => {
  if (values.length < 2) return 0;
  const average = mean(values);
  return mean(values.map((value) => (value - average) ** 2));
};

export const populationStd = (values: readonly number[]): number => Math.sqrt(populationVariance(values));

/** Least-squares slope of `values` over x = 0..n-1; 0 for fewer than two values. */
export const leastSquaresSlope = (values: readonly number[]): number => {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = mean(values);
  let covariance = 0;
  let spread = 0;
  values.forEach((y, x) => {
    covariance += (x - meanX) * (y - meanY);
    spread += (x - meanX) ** 2;
  });
  return covariance / spread;
};

/** `count` of `part`, as a ratio in 0..1 (0 when the whole is empty). */
export const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

export const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
