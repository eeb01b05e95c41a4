/**
 * The few special functions the confidence intervals need, written here so the domain stays
 * dependency-free: log-gamma, the regularised incomplete gamma function and its inverse, the
 * chi-square inverse and the normal distribution function.
 *
 * Methods are the classic ones (Lanczos; series and continued fraction as in Numerical
 * Recipes; a bracketed Newton search for the inverse), accurate to about 1e-12 relative in the
 * ranges public health counts need, far beyond the 2-4 decimals published.
 */

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln(Gamma(x)) for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, not ${x}`);
  if (x < 0.5) {
    // Reflection keeps accuracy for small x: Gamma(x) Gamma(1-x) = pi / sin(pi x).
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0] ?? 1;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] ?? 0) / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const EPS = 1e-15;
const MAX_ITERATIONS = 10_000;

/** P(a, x) by its power series: converges fast for x < a + 1. */
function gammaPSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** Q(a, x) by Lentz's continued fraction: converges fast for x >= a + 1. */
function gammaQContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** The regularised lower incomplete gamma function P(a, x) = gamma(a, x) / Gamma(a). */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0)) throw new RangeError(`regularizedGammaP needs a > 0, not ${a}`);
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? gammaPSeries(a, x) : 1 - gammaQContinuedFraction(a, x);
}

/** The x with P(a, x) = p. */
export function inverseRegularizedGammaP(p: number, a: number): number {
  if (!(a > 0)) throw new RangeError(`inverseRegularizedGammaP needs a > 0, not ${a}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be from 0 to 1, not ${p}`);
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  // Bracket the root, then Newton steps that fall back to bisection when they leave it.
  let lo = 0;
  let hi = Math.max(1, a);
  while (regularizedGammaP(a, hi) < p) {
    lo = hi;
    hi *= 2;
  }
  let x = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const f = regularizedGammaP(a, x) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = Math.exp((a - 1) * Math.log(x) - x - logGamma(a));
    let next = density > 0 ? x - f / density : NaN;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-15 * Math.max(1, x)) return next;
    x = next;
  }
  return x;
}

/** The chi-square quantile: CHISQ.INV(p, df) in Excel, qchisq(p, df) in R. */
export function chiSquareInverse(p: number, df: number): number {
  return 2 * inverseRegularizedGammaP(p, df / 2);
}

/** The standard normal distribution function Phi(z), via erf(t) = P(1/2, t^2). */
export function normalCdf(z: number): number {
  const half = 0.5 * regularizedGammaP(0.5, (z * z) / 2);
  return z >= 0 ? 0.5 + half : 0.5 - half;
}
