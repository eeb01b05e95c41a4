/**
 * Confidence intervals as public health teams publish them (PHE / OHID indicator methods):
 * Byar's approximation for counts and rates, the exact Poisson interval for counts below 10
 * (where Byar's is poor), and Wilson's score interval for proportions.
 */
import { chiSquareInverse, normalCdf } from './gamma';

export interface Interval {
  lower: number;
  upper: number;
}

/** z for 95% (two-sided) as published; 99.8% is 3.0902. */
export const Z_95 = 1.96;
export const Z_99_8 = 3.0902;

/** Counts below this use the exact Poisson interval instead of Byar's approximation. */
export const EXACT_POISSON_BELOW = 10;

function checkCount(count: number): void {
  if (!Number.isFinite(count) || count < 0) throw new RangeError(`a count must be 0 or more, not ${count}`);
}

function checkZ(z: number): void {
  if (!Number.isFinite(z) || z <= 0) throw new RangeError(`z must be positive, not ${z}`);
}

/**
 * The exact Poisson interval, from the chi-square distribution: lower = chi2(a/2, 2x)/2,
 * upper = chi2(1 - a/2, 2x + 2)/2, with a the two-sided tail area for z. A count of 0 has
 * lower limit 0 (there is nothing below it) and upper 3.689 at 95%.
 */
export function exactPoissonInterval(count: number, z = Z_95): Interval {
  checkCount(count);
  checkZ(z);
  const alpha = 2 * (1 - normalCdf(z));
  const lower = count === 0 ? 0 : chiSquareInverse(alpha / 2, 2 * count) / 2;
  const upper = chiSquareInverse(1 - alpha / 2, 2 * count + 2) / 2;
  return { lower, upper };
}

/**
 * Byar's interval for a count: lower = x(1 - 1/(9x) - z/(3 sqrt x))^3,
 * upper = (x+1)(1 - 1/(9(x+1)) + z/(3 sqrt(x+1)))^3; exact Poisson below 10.
 * 65 at 95% -> 50.16 to 82.85.
 */
export function byarInterval(count: number, z = Z_95): Interval {
  checkCount(count);
  checkZ(z);
  if (count < EXACT_POISSON_BELOW) return exactPoissonInterval(count, z);
  const x = count;
  const lower = x * (1 - 1 / (9 * x) - z / (3 * Math.sqrt(x))) ** 3;
  const x1 = x + 1;
  const upper = x1 * (1 - 1 / (9 * x1) + z / (3 * Math.sqrt(x1))) ** 3;
  return { lower, upper };
}

/** The interval of a rate per `per` population: the count's interval, scaled. Null without a population. */
export function rateInterval(count: number, population: number | null, per = 1000, z = Z_95): Interval | null {
  if (population === null || !Number.isFinite(population) || population <= 0) return null;
  const { lower, upper } = byarInterval(count, z);
  const scale = per / population;
  return { lower: lower * scale, upper: upper * scale };
}

/**
 * Wilson's score interval for x of n, as fractions:
 * (2x + z^2 +/- z sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2)). 65 of 100 -> 0.5525 to 0.7364.
 * Unlike the simple p +/- z se interval it stays within 0 to 1 and works for x = 0 or x = n.
 */
export function wilsonInterval(x: number, n: number, z = Z_95): Interval {
  if (!Number.isFinite(n) || n <= 0) throw new RangeError(`a denominator must be more than 0, not ${n}`);
  if (!Number.isFinite(x) || x < 0 || x > n) throw new RangeError(`a numerator must be from 0 to ${n}, not ${x}`);
  checkZ(z);
  const z2 = z * z;
  const spread = z * Math.sqrt(z2 + 4 * x * (1 - x / n));
  const denominator = 2 * (n + z2);
  // Clamp: at x = 0 or x = n rounding can leave the bound a hair outside 0..1.
  const lower = Math.max(0, (2 * x + z2 - spread) / denominator);
  const upper = Math.min(1, (2 * x + z2 + spread) / denominator);
  return { lower, upper };
}

/** True when two intervals share at least one point: "no significant difference". */
export function intervalsOverlap(a: Interval, b: Interval): boolean {
  return a.lower <= b.upper && b.lower <= a.upper;
}
