/**
 * Simulated xenograft experiment: nude mice each carry two hepatoma tumors; on
 * day 0 the in-field tumor gets a single fraction (irradiated group) or sham
 * irradiation, the second tumor is shielded (out of field). Volumes by caliper
 * twice weekly for 28 days; at sacrifice serum VEGF and CD31 microvessel density
 * of the out-of-field tumor.
 *
 * Unirradiated tumor: Gompertz V(t) = V0 exp((r/beta)(1 − e^(−beta t))),
 *   log r = log r0 + kappa·A + e, and × irradiatedRateRatio for the out-of-field
 *   tumor of an irradiated mouse; A ~ N(0,1) is the mouse's latent angiogenic drive.
 * Irradiated in-field tumor: V0 [S·Gompertz(regrowth rate) + (1 − S) e^(−lambda t)] (V0 in the
 *   in-field-stasis null).
 * Endpoints: serum VEGF is human VEGF secreted by the human tumor cells (a human-specific ELISA reads
 *   it), so it follows the tumor burden B (both tumors' true volume at sacrifice):
 *   log serum = log perBurden_group + p·log(B / 1000 mm³) + sd (ell A + sqrt(1 − ell²) e1);
 *   log MVD rate = log median_group + sd (ell A + sqrt(1 − ell²) e2); MVD is the mean of Poisson
 *   counts in the hotspot fields.
 * Parameters: ./params.ts.
 */
import { LabRng } from "./random";
import { LAB_MODEL } from "./params";
import type { LabModel } from "./params";
import type { MouseGroup, TumorSite } from "../../data/laboratory";


export interface TumorGrowthRow {
  mouse_id: string;
  group: MouseGroup;
  site: TumorSite;
  day: number;
  volume_mm3: number;
}

export interface EndpointRow {
  mouse_id: string;
  group: MouseGroup;
  mvd_per_hpf: number;
  serum_vegf_pg_ml: number;
}

export interface XenograftData {
  growth: TumorGrowthRow[];
  endpoint: EndpointRow[];
}

function round(x: number, digits: number): number {
  const f = Math.pow(10, digits);
  return Math.round(x * f) / f;
}

/** Gompertz growth factor V(t)/V0 with initial rate r and deceleration beta. */
export function gompertzFactor(days: number, rate: number, beta: number): number {
  return Math.exp((rate / beta) * (1 - Math.exp(-beta * days)));
}

function mouseId(i: number): string {
  return `M${i < 9 ? "0" : ""}${i + 1}`;
}

/** Growth and endpoint rows; growth ordered by mouse, site, day. */
export function simulateXenografts(seed: string, model: LabModel = LAB_MODEL): XenograftData {
  const rng = new LabRng(`${seed}:xenograft`);
  // Vessel counts consume a variable number of uniforms: their own stream keeps the other draws fixed.
  const counts = new LabRng(`${seed}:xenograft:vessel-counts`);
  const t = model.tumor;
  const e = model.endpoint;
  const design = model.invivo;
  const perGroup = design.micePerGroup;
  const n = 2 * perGroup;
  // Randomisation: the first half of a random permutation of mice is sham.
  const order = rng.permutation(n);
  const groupOf: MouseGroup[] = new Array(n);
  order.forEach((mouse, k) => {
    groupOf[mouse] = k < perGroup ? "sham" : "irradiated";
  });

  const growth: TumorGrowthRow[] = [];
  const endpoint: EndpointRow[] = [];
  const rho = e.driveLoading;
  const unique = Math.sqrt(1 - rho * rho);
  for (let i = 0; i < n; i++) {
    const group = groupOf[i];
    const irradiated = group === "irradiated";
    // Every mouse draws the same variables in the same order, whatever its group.
    const drive = rng.normal();
    const v0In = rng.logNormal(t.inFieldV0, t.inFieldV0SdLog);
    const v0Out = rng.logNormal(t.outFieldV0, t.outFieldV0SdLog);
    const rateIn = t.rate * Math.exp(t.rateDrive * drive + rng.normal(0, t.rateSdLog));
    const rateOut = t.rate * Math.exp(t.rateDrive * drive + rng.normal(0, t.rateSdLog)) * (irradiated ? t.irradiatedRateRatio : 1);
    const surviving = Math.min(1, rng.logNormal(t.survivingFraction, t.survivingFractionSdLog));
    const serumOwn = e.serumSdLog * (rho * drive + unique * rng.normal());
    const mvdRate = e.mvd[group] * Math.exp(e.mvdSdLog * (rho * drive + unique * rng.normal()));
    const trueVolume = (site: "in_field" | "out_of_field", day: number): number => {
      if (site === "out_of_field") return v0Out * gompertzFactor(day, rateOut, t.beta);
      if (!irradiated) return v0In * gompertzFactor(day, rateIn, t.beta);
      if (t.inFieldStasis) return v0In;
      return v0In * (surviving * gompertzFactor(day, rateIn * t.regrowthRateRatio, t.beta) + (1 - surviving) * Math.exp(-t.clearancePerDay * day));
    };

    const id = mouseId(i);
    for (const site of ["in_field", "out_of_field"] as const) {
      for (const day of design.days) {
        const measured = trueVolume(site, day) * Math.exp(rng.normal(0, t.caliperSdLog));
        growth.push({ mouse_id: id, group, site, day, volume_mm3: round(measured, 1) });
      }
    }
    const lastDay = design.days[design.days.length - 1];
    const burden = trueVolume("in_field", lastDay) + trueVolume("out_of_field", lastDay);
    const serum = e.serumPerBurden[group] * Math.pow(burden / 1000, e.burdenPower) * Math.exp(serumOwn);
    let count = 0;
    for (let f = 0; f < design.fieldsCounted; f++) count += counts.poisson(mvdRate);
    endpoint.push({
      mouse_id: id,
      group,
      mvd_per_hpf: round(count / design.fieldsCounted, 1),
      serum_vegf_pg_ml: round(serum, 1),
    });
  }
  return { growth, endpoint };
}
