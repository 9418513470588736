// Minimal complex arithmetic for Fourier-transform values.
import type { Complex } from "./types";

export const complex = (re: number, im: number): Complex => ({ re, im });
export const cadd = (a: Complex, b: Complex): Complex => ({ re: a.re + b.re, im: a.im + b.im });
export const cscale = (a: Complex, s: number): Complex => ({ re: a.re * s, im: a.im * s });
export const cmul = (a: Complex, b: Complex): Complex => ({ re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re });
export function cdiv(a: Complex, b: Complex): Complex {
  const d = b.re * b.re + b.im * b.im;
  return { re: (a.re * b.re + a.im * b.im) / d, im: (a.im * b.re - a.re * b.im) / d };
}
/** e^{−iθ} */
export const expMinusI = (theta: number): Complex => ({ re: Math.cos(theta), im: -Math.sin(theta) });
/** (−i)^n for integer n ≥ 0 */
export function minusIPower(n: number): Complex {
  const table: Complex[] = [{ re: 1, im: 0 }, { re: 0, im: -1 }, { re: -1, im: 0 }, { re: 0, im: 1 }];
  return table[((n % 4) + 4) % 4];
}
