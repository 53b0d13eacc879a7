/**
 * Seeded random numbers for the laboratory simulation. seedrandom's ARC4
 * generator gives the same stream on every platform; normals use Marsaglia's
 * polar method (only log and sqrt), Poisson counts Knuth's product method
 * (fine for the small means used here). Each table draws from its own named
 * stream, so changing one table's design leaves the others' values unchanged.
 *
 * @example
 * const rng = new LabRng("laboratory-v1:mrna");
 * rng.normal(0, 0.2); // the same value on every run
 */
import seedrandom from "seedrandom";

export class LabRng {
  private readonly prng: seedrandom.PRNG;
  private spare: number | null = null;

  constructor(seed: string) {
    this.prng = seedrandom(seed);
  }

  /** Uniform on [0, 1), 53-bit. */
  uniform(): number {
    return this.prng.double();
  }

  /** Normal(mean, sd) by the polar method; the second variate of each pair is kept for the next call. */
  normal(mean = 0, sd = 1): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + sd * z;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return mean + sd * u * f;
  }

  /** Log-normal with the given median and sd of the log. */
  logNormal(median: number, sdLog: number): number {
    return median * Math.exp(this.normal(0, sdLog));
  }

  /** Poisson(lambda) by Knuth's method (lambda up to about 100). */
  poisson(lambda: number): number {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.uniform();
    while (p > limit) {
      k++;
      p *= this.uniform();
    }
    return k;
  }

  /** A random permutation of 0..n-1 (Fisher-Yates). */
  permutation(n: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.uniform() * (i + 1));
      const t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }
}
