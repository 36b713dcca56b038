import { err, ok, type Result } from '../../util';

/**
 * Lower-triangular L with L Lᵀ = Σ (k × k, row-major). A covariance of real returns is often
 * only semi-definite (two assets that move as one), so a pivot within `tol` of zero gives a zero
 * column instead of failing; a clearly negative pivot means Σ is not a covariance.
 */
export function cholesky(
  cov: ArrayLike<number>,
  k: number,
  tol = 1e-12,
): Result<Float64Array, string> {
  if (cov.length !== k * k) return err(`covariance has ${cov.length} entries, expected ${k * k}`);
  let scale = 0;
  for (let i = 0; i < k; i++) scale = Math.max(scale, Math.abs(cov[i * k + i] as number));
  const eps = tol * Math.max(scale, Number.MIN_VALUE);
  const l = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let d = cov[j * k + j] as number;
    for (let p = 0; p < j; p++) d -= l[j * k + p] * l[j * k + p];
    if (d < -eps) return err(`covariance is not positive semi-definite (pivot ${j}: ${d})`);
    const ljj = d > eps ? Math.sqrt(d) : 0;
    l[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = cov[i * k + j] as number;
      for (let p = 0; p < j; p++) s -= l[i * k + p] * l[j * k + p];
      if (ljj === 0) {
        if (Math.abs(s) > Math.sqrt(eps) * Math.sqrt(Math.abs(cov[i * k + i] as number) + eps)) {
          return err(`covariance is not positive semi-definite (column ${j})`);
        }
        l[i * k + j] = 0;
      } else {
        l[i * k + j] = s / ljj;
      }
    }
  }
  return ok(l);
}
