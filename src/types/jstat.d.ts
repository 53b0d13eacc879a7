// jstat ships no type declarations; these cover the functions this project calls.
declare module "jstat" {
  export const jStat: {
    noncentralt: {
      /** P(T <= x) for the noncentral t distribution with `dof` degrees of freedom and noncentrality `ncp`. */
      cdf(x: number, dof: number, ncp: number): number;
    };
    tukey: {
      /** P(Q <= q) for the studentized range with `nmeans` groups and `df` degrees of freedom. */
      cdf(q: number, nmeans: number, df: number): number;
      /** Quantile of the studentized range. */
      inv(p: number, nmeans: number, df: number): number;
    };
  };
}
