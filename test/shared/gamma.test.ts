import { describe, expect, it } from 'vitest';
import {
  chiSquareInverse,
  inverseRegularizedGammaP,
  logGamma,
  normalCdf,
  regularizedGammaP,
} from '../../shared/domain/gamma';

describe('logGamma', () => {
  it('matches factorials and Gamma(1/2) = sqrt(pi)', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(2)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 12);
    expect(logGamma(171)).toBeCloseTo(706.5730622457874, 8);
  });
  it('refuses x <= 0', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
    expect(() => logGamma(-1)).toThrow(RangeError);
  });
});

describe('regularizedGammaP', () => {
  it('matches closed forms', () => {
    // P(1, x) = 1 - e^-x; P(2, x) = 1 - e^-x (1 + x)
    for (const x of [0.01, 0.5, 1, 2, 5, 20]) {
      expect(regularizedGammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 13);
      expect(regularizedGammaP(2, x)).toBeCloseTo(1 - Math.exp(-x) * (1 + x), 13);
    }
  });
  it('matches the Poisson sum for whole a, on both sides of x = a + 1 (series and continued fraction)', () => {
    // For whole a, P(a, x) = 1 - e^-x (1 + x + x^2/2! + ... + x^(a-1)/(a-1)!)
    const poissonForm = (a: number, x: number): number => {
      let sum = 0;
      let term = 1;
      for (let k = 0; k < a; k++) {
        if (k > 0) term *= x / k;
        sum += term;
      }
      return 1 - Math.exp(-x) * sum;
    };
    for (const [a, x] of [[10, 5], [10, 15], [30, 25], [30, 40], [3, 0.2], [50, 51]] as const) {
      expect(regularizedGammaP(a, x), `a=${a} x=${x}`).toBeCloseTo(poissonForm(a, x), 12);
    }
    expect(regularizedGammaP(10, 10.999999)).toBeCloseTo(regularizedGammaP(10, 11.000001), 6);
  });
  it('handles its edges', () => {
    expect(regularizedGammaP(3, 0)).toBe(0);
    expect(regularizedGammaP(3, -1)).toBe(0);
    expect(regularizedGammaP(3, Number.POSITIVE_INFINITY)).toBe(1);
    expect(regularizedGammaP(3, Number.NaN)).toBeNaN();
    expect(() => regularizedGammaP(0, 1)).toThrow(RangeError);
  });
});

describe('inverseRegularizedGammaP', () => {
  it('inverts P for many shapes and probabilities', () => {
    for (const a of [0.5, 1, 2.5, 10, 50, 200]) {
      for (const p of [1e-6, 0.001, 0.025, 0.5, 0.975, 0.999]) {
        const x = inverseRegularizedGammaP(p, a);
        expect(regularizedGammaP(a, x), `a=${a} p=${p}`).toBeCloseTo(p, 12);
      }
    }
  });
  it('handles p = 0 and p = 1, and refuses impossible arguments', () => {
    expect(inverseRegularizedGammaP(0, 2)).toBe(0);
    expect(inverseRegularizedGammaP(1, 2)).toBe(Number.POSITIVE_INFINITY);
    expect(() => inverseRegularizedGammaP(1.5, 2)).toThrow(RangeError);
    expect(() => inverseRegularizedGammaP(0.5, 0)).toThrow(RangeError);
  });
});

describe('chiSquareInverse', () => {
  it('matches published chi-square tables (CHISQ.INV / qchisq)', () => {
    expect(chiSquareInverse(0.95, 1)).toBeCloseTo(3.841459, 6);
    expect(chiSquareInverse(0.975, 2)).toBeCloseTo(7.377759, 6);
    expect(chiSquareInverse(0.025, 2)).toBeCloseTo(0.05063562, 8);
    expect(chiSquareInverse(0.5, 10)).toBeCloseTo(9.341818, 6);
    expect(chiSquareInverse(0.025, 10)).toBeCloseTo(3.246973, 6);
    expect(chiSquareInverse(0.975, 12)).toBeCloseTo(23.33666, 5);
    expect(chiSquareInverse(0.99, 30)).toBeCloseTo(50.89218, 5);
  });
});

describe('normalCdf', () => {
  it('matches the normal table', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 7);
    expect(normalCdf(-1.96)).toBeCloseTo(0.0249979, 7);
    expect(normalCdf(1)).toBeCloseTo(0.8413447, 7);
    expect(normalCdf(3.0902)).toBeCloseTo(0.999, 6);
  });
});
