# Calibration check of the simulated laboratory data against claims C12-C18 (STUDY.md),
# with base R. Run by hand: Rscript src/synth/laboratory/check-findings.R [data_dir]
# Not needed by the tests (they use the project's own statistics on the same files).
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) > 0) args[1] else "data"
quiet <- length(args) > 1 && args[2] == "quiet"
mrna <- read.csv(file.path(dir, "invitro/vegf_mrna.csv"))
sec <- read.csv(file.path(dir, "invitro/vegf_secretion.csv"))
gr <- read.csv(file.path(dir, "invivo/tumor_growth.csv"))
ep <- read.csv(file.path(dir, "invivo/endpoint.csv"))
lines <- c("HepG2", "Hep3B", "PLC/PRF/5", "HuH-7")
out <- list()

# C12: dCt = Ct_VEGF - Ct_GAPDH. Per line, 8 Gy vs 0 Gy at 6 h (Welch on dCt).
# Induction = -ddCt at 8 Gy, 6 h, paired within experiment (replicate): -(dCt[8 Gy, r] - dCt[0 Gy, r]);
# p53 wild-type vs p53-deficient lines (Welch). The unpaired variant (vs the mean 0 Gy dCt) is reported too.
mrna$dct <- mrna$ct_vegf - mrna$ct_gapdh
ind <- c(); ind_unp <- c(); p53wt <- c()
for (l in lines) {
  a <- mrna[mrna$cell_line == l & mrna$hours == 6 & mrna$dose_gy == 8, ]
  b <- mrna[mrna$cell_line == l & mrna$hours == 6 & mrna$dose_gy == 0, ]
  a <- a[order(a$replicate), ]; b <- b[order(b$replicate), ]
  out[[paste0("C12_", l, "_fold_8Gy_6h")]] <- 2^-(mean(a$dct) - mean(b$dct))
  out[[paste0("C12_", l, "_p")]] <- t.test(a$dct, b$dct)$p.value
  ind <- c(ind, -(a$dct - b$dct)); ind_unp <- c(ind_unp, -(a$dct - mean(b$dct)))
  p53wt <- c(p53wt, rep(a$p53_status[1] == "wild-type", nrow(a)))
  irr <- mrna[mrna$cell_line == l & mrna$dose_gy > 0 & mrna$hours > 0, ]
  ctl <- aggregate(dct ~ hours, mrna[mrna$cell_line == l & mrna$dose_gy == 0, ], mean)
  out[[paste0("C12_", l, "_min_mean_fold_irradiated")]] <- min(aggregate(f ~ dose_gy + hours, transform(irr, f = 2^-(dct - ctl$dct[match(hours, ctl$hours)])), mean)$f)
}
out$C12_log2fc_wt <- mean(ind[p53wt]); out$C12_log2fc_deficient <- mean(ind[!p53wt])
out$C12_p53_p <- t.test(ind[p53wt], ind[!p53wt])$p.value
out$C12_p53_p_unpaired <- t.test(ind_unp[p53wt], ind_unp[!p53wt])$p.value

# C13: log VEGF across doses at 48 h per line; C14: log VEGF across hours at 8 Gy per line.
# Linear trend = one-way ANOVA linear contrast with the doses (hours) as scores; lm slope reported too.
contrast_p <- function(y, x) {
  f <- factor(x); k <- nlevels(f)
  contrasts(f) <- contr.poly(k, scores = sort(unique(x)))
  summary(lm(y ~ f))$coefficients["f.L", 4]
}
sec$lv <- log(sec$vegf_pg_ml)
for (l in lines) {
  d <- sec[sec$cell_line == l & sec$hours == 48, ]
  out[[paste0("C13_", l, "_p")]] <- contrast_p(d$lv, d$dose_gy)
  out[[paste0("C13_", l, "_p_lm")]] <- summary(lm(lv ~ dose_gy, d))$coefficients[2, 4]
  out[[paste0("C13_", l, "_p_raw")]] <- contrast_p(d$vegf_pg_ml, d$dose_gy)
  out[[paste0("C13_", l, "_fold_8Gy")]] <- exp(mean(d$lv[d$dose_gy == 8]) - mean(d$lv[d$dose_gy == 0]))
  d <- sec[sec$cell_line == l & sec$dose_gy == 8, ]
  out[[paste0("C14_", l, "_p")]] <- contrast_p(d$lv, d$hours)
  out[[paste0("C14_", l, "_p_raw")]] <- contrast_p(d$vegf_pg_ml, d$hours)
  out[[paste0("C14_", l, "_slope")]] <- coef(lm(lv ~ hours, d))[2]
  d <- sec[sec$cell_line == l & sec$dose_gy == 0, ]
  out[[paste0("C14_", l, "_sham_p")]] <- contrast_p(d$lv, d$hours)
}
# C15: two-way ANOVA of log VEGF at 48 h, dose (factor) x cell line; also on pg/ml.
d48 <- sec[sec$hours == 48, ]
a2 <- summary(aov(lv ~ factor(dose_gy) * cell_line, d48))[[1]]
out$C15_interaction_F <- a2[3, 4]; out$C15_interaction_p_log <- a2[3, 5]
out$C15_interaction_p_raw <- summary(aov(vegf_pg_ml ~ factor(dose_gy) * cell_line, d48))[[1]][3, 5]

# C16: out-of-field day-28 volume, log scale Welch; per tumor slope of log volume on day.
of <- gr[gr$site == "out_of_field", ]
fin <- of[of$day == 28, ]
out$C16_final_mean_sham <- mean(fin$volume_mm3[fin$group == "sham"])
out$C16_final_mean_irr <- mean(fin$volume_mm3[fin$group == "irradiated"])
out$C16_final_p_raw <- t.test(volume_mm3 ~ group, fin)$p.value
out$C16_final_p_log <- t.test(log(volume_mm3) ~ group, fin)$p.value
slopes <- sapply(split(of, of$mouse_id), function(m) coef(lm(log(volume_mm3) ~ day, m))[2])
grp <- sapply(split(of, of$mouse_id), function(m) m$group[1])
out$C16_rate_sham <- mean(slopes[grp == "sham"]); out$C16_rate_irr <- mean(slopes[grp == "irradiated"])
out$C16_rate_p <- t.test(slopes[grp == "irradiated"], slopes[grp == "sham"])$p.value
inf <- gr[gr$site == "in_field" & gr$group == "irradiated", ]
ratio <- sapply(split(inf, inf$mouse_id), function(m) m$volume_mm3[m$day == 28] / m$volume_mm3[m$day == 0])
nadir <- sapply(split(inf, inf$mouse_id), function(m) min(m$volume_mm3) / m$volume_mm3[m$day == 0])
out$C16_infield_max_final_ratio <- max(ratio); out$C16_infield_max_nadir_ratio <- max(nadir)
# C17, C18
out$C17_mvd_sham <- mean(ep$mvd_per_hpf[ep$group == "sham"]); out$C17_mvd_irr <- mean(ep$mvd_per_hpf[ep$group == "irradiated"])
out$C17_p <- t.test(mvd_per_hpf ~ group, ep)$p.value
out$C18_serum_sham <- mean(ep$serum_vegf_pg_ml[ep$group == "sham"]); out$C18_serum_irr <- mean(ep$serum_vegf_pg_ml[ep$group == "irradiated"])
out$C18_p <- t.test(serum_vegf_pg_ml ~ group, ep)$p.value
ct <- cor.test(ep$mvd_per_hpf, ep$serum_vegf_pg_ml)
out$C18_r <- unname(ct$estimate); out$C18_r_p <- ct$p.value
out$C18_r_within_sham <- cor(ep$mvd_per_hpf[ep$group == "sham"], ep$serum_vegf_pg_ml[ep$group == "sham"])
out$C18_r_within_irr <- cor(ep$mvd_per_hpf[ep$group == "irradiated"], ep$serum_vegf_pg_ml[ep$group == "irradiated"])

pass <- c(
  C12 = all(unlist(out[paste0("C12_", lines, "_p")]) < 0.05) && all(unlist(out[grep("_fold_8Gy_6h", names(out))]) > 1) && out$C12_p53_p > 0.05,
  C13 = all(unlist(out[paste0("C13_", lines, "_p")]) < 0.05),
  C14 = all(unlist(out[paste0("C14_", lines, "_p")]) < 0.05) && all(unlist(out[grep("C14_.*_slope", names(out))]) > 0),
  C15 = out$C15_interaction_p_log < 0.05,
  C16 = out$C16_final_p_raw < 0.05 && out$C16_final_mean_irr > out$C16_final_mean_sham && out$C16_rate_irr > out$C16_rate_sham && out$C16_infield_max_final_ratio < 1,
  C17 = out$C17_p < 0.05 && out$C17_mvd_irr > out$C17_mvd_sham,
  C18 = out$C18_p < 0.05 && out$C18_serum_irr > out$C18_serum_sham && out$C18_r >= 0.6 && out$C18_r_p < 0.05
)
if (length(args) > 1 && args[2] == "csv") cat(paste(names(out), collapse = ";"), "\n", paste(signif(unlist(out), 6), collapse = ";"), "\n", sep = "") else if (quiet) cat(paste(as.integer(pass), collapse = ""), "\n") else {
  for (k in names(out)) cat(sprintf("%-32s %.6g\n", k, out[[k]]))
  print(pass)
}
