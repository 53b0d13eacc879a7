/**
 * The hazard ratios a two-group comparison with a given number of events can
 * detect, in both directions, by inverting Schoenfeld's formula:
 *
 *   HR = exp(-/+ (z_(1 - alpha/2) + z_power) / sqrt(d p (1 - p))),   p = r / (1 + r)
 *
 * `benefit` is the ratio below 1 (treatment lowers the hazard), `harm` its
 * reciprocal above 1; one-sided tests use z_(1 - alpha). This is the exact
 * inverse of schoenfeldEvents (the same closed form, without the negligible
 * opposite-tail term that schoenfeldPower adds), so
 * schoenfeldEvents(detectableHazardRatio(d).benefit).events = d.
 * It answers a reviewer's "what effect could this study detect?".
 *
 * @example
 * detectableHazardRatio(100); // { benefit: 0.571..., harm: 1.751..., ... } (alpha 0.05, power 0.8, 1:1)
 */
import { normalQuantile } from "../distributions/index";
import { checkEvents, checkPower, schoenfeldSettings } from "./schoenfeld-input";
import type { SchoenfeldOptions } from "./schoenfeld-input";

export interface DetectableHazardRatioOptions extends SchoenfeldOptions {
  /** Power, 1 - beta (default 0.8). */
  power?: number;
}

export interface DetectableHazardRatioResult {
  /** Smallest detectable effect below 1. */
  benefit: number;
  /** Smallest detectable effect above 1 (= 1 / benefit). */
  harm: number;
  events: number;
  alpha: number;
  sided: 1 | 2;
  power: number;
  allocationRatio: number;
}

export function detectableHazardRatio(events: number, options: DetectableHazardRatioOptions = {}): DetectableHazardRatioResult {
  const d = checkEvents(events);
  const s = schoenfeldSettings(options);
  const power = checkPower(options.power === undefined ? 0.8 : options.power);
  const logHr = (s.zAlpha + normalQuantile(power)) / Math.sqrt(d * s.fraction * (1 - s.fraction));
  return { benefit: Math.exp(-logHr), harm: Math.exp(logHr), events: d, alpha: s.alpha, sided: s.sided, power, allocationRatio: s.allocationRatio };
}
