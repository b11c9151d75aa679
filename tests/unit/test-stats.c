/* test-stats.c — lib/stats.c against values worked out by hand, independent
 * brute-force computations, and seeded simulations whose truth is known. */
#include "config.h"

#include "stats.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#define EPS 1e-9

Test(stats, mean_stddev_known)
{
	double v[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
	cr_expect_float_eq(stats_mean(v, 8), 5.0, EPS);
	/* sum of squares 32, n - 1 = 7 */
	cr_expect_float_eq(stats_stddev(v, 8), sqrt(32.0 / 7.0), EPS);
	cr_expect_float_eq(stats_stddev(v, 1), 0.0, EPS);
	cr_expect(isnan(stats_mean(v, 0)));
}

Test(stats, median_mad_odd_even)
{
	double odd[] = { 9, 1, 5, 3, 7 };
	double even[] = { 4, 1, 3, 2 };
	double v[] = { 1, 1, 2, 2, 4, 6, 9 }; /* median 2, |dev| 1 1 0 0 2 4 7 -> 1 */
	cr_expect_float_eq(stats_median(odd, 5), 5.0, EPS);
	cr_expect_float_eq(stats_median(even, 4), 2.5, EPS);
	cr_expect_float_eq(stats_mad(v, 7), 1.0, EPS);
	/* the caller's array is left as it was */
	cr_expect_float_eq(odd[0], 9.0, EPS);
	cr_expect_float_eq(even[0], 4.0, EPS);
}

Test(stats, median_many_ties_matches_sort)
{
	struct stats_rng r;
	stats_rng_seed(&r, 42);
	for (int trial = 0; trial < 200; trial++) {
		size_t n = 1 + stats_rng_below(&r, 40);
		double v[40], s[40], want;
		for (size_t i = 0; i < n; i++)
			s[i] = v[i] = (double)stats_rng_below(&r, 4); /* lots of equal values */
		stats_sort(s, n);
		want = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
		cr_assert_float_eq(stats_median(v, n), want, EPS, "trial %d n %zu", trial, n);
	}
}

Test(stats, percentiles_interpolate)
{
	double v[] = { 5, 1, 4, 2, 3 };
	cr_expect_float_eq(stats_percentile(v, 5, 0), 1.0, EPS);
	cr_expect_float_eq(stats_percentile(v, 5, 25), 2.0, EPS);
	cr_expect_float_eq(stats_percentile(v, 5, 50), 3.0, EPS);
	cr_expect_float_eq(stats_percentile(v, 5, 95), 4.8, EPS);
	cr_expect_float_eq(stats_percentile(v, 5, 100), 5.0, EPS);
}

Test(stats, rng_is_reproducible_and_uniform)
{
	struct stats_rng a, b;
	size_t counts[10] = { 0 };
	stats_rng_seed(&a, 7);
	stats_rng_seed(&b, 7);
	for (int i = 0; i < 100; i++)
		cr_assert_eq(stats_rng_next(&a), stats_rng_next(&b));
	for (int i = 0; i < 100000; i++)
		counts[stats_rng_below(&a, 10)]++;
	for (int i = 0; i < 10; i++) /* 10000 expected, sd ~95 */
		cr_expect(counts[i] > 9500 && counts[i] < 10500, "bucket %d: %zu", i, counts[i]);
}

Test(stats, norm_quantile)
{
	cr_expect_float_eq(stats_norm_quantile(0.975), 1.959963984540054, 1e-9);
	cr_expect_float_eq(stats_norm_quantile(0.5), 0.0, 1e-9);
	cr_expect_float_eq(stats_norm_quantile(0.05), -1.6448536269514722, 1e-9);
}

/* A 95% interval must cover the true value about 95% of the time. */
static int covers(enum stats_estimator est, int order_stat, uint64_t seed)
{
	struct stats_rng r;
	int hit = 0;
	stats_rng_seed(&r, seed);
	for (int t = 0; t < 200; t++) {
		double v[40];
		struct stats_ci ci;
		for (int i = 0; i < 40; i++)
			v[i] = 10.0 + stats_rng_normal(&r);
		if (order_stat)
			cr_assert_eq(stats_median_ci_order(v, 40, 0.95, &ci), 0);
		else
			cr_assert_eq(stats_bootstrap_ci(v, 40, est, 0.95, 1000, &r, &ci), 0);
		cr_assert(ci.lo <= ci.hi);
		hit += ci.lo <= 10.0 && 10.0 <= ci.hi;
	}
	return hit;
}

Test(stats, confidence_intervals_cover_truth)
{
	int m = covers(STATS_MEAN, 0, 1), md = covers(STATS_MEDIAN, 0, 2), os = covers(0, 1, 3);
	/* binomial(200, 0.95): sd ~3; percentile bootstrap undercovers a little */
	cr_expect(m >= 176 && m <= 200, "mean CI covered %d/200", m);
	cr_expect(md >= 176 && md <= 200, "median CI covered %d/200", md);
	cr_expect(os >= 180 && os <= 200, "order-statistic CI covered %d/200", os);
}

Test(stats, bootstrap_same_seed_same_interval)
{
	double v[] = { 1.0, 1.2, 0.9, 1.1, 1.05, 0.95, 1.3, 1.0 };
	struct stats_rng r1, r2;
	struct stats_ci a, b;
	stats_rng_seed(&r1, 99);
	stats_rng_seed(&r2, 99);
	stats_bootstrap_ci(v, 8, STATS_MEDIAN, 0.95, 500, &r1, &a);
	stats_bootstrap_ci(v, 8, STATS_MEDIAN, 0.95, 500, &r2, &b);
	cr_expect_eq(a.lo, b.lo);
	cr_expect_eq(a.hi, b.hi);
	cr_expect(a.lo >= 0.9 && a.hi <= 1.3);
	cr_expect_eq(stats_bootstrap_ci(v, 0, STATS_MEAN, 0.95, 500, &r1, &a), -EINVAL);
}

Test(stats, median_ci_order_small_n)
{
	double v[] = { 1, 2, 3, 4, 5 };
	struct stats_ci ci;
	cr_expect_eq(stats_median_ci_order(v, 5, 0.95, &ci), -EINVAL);
}

Test(stats, outliers_flag_extremes_only)
{
	double v[] = { 10, 10.1, 9.9, 10.05, 9.95, 10.02, 9.98, 30 };
	unsigned char f[8];
	size_t n = stats_outliers(v, 8, STATS_IQR_K, STATS_MODZ_LIMIT, f);
	cr_expect_eq(n, 1);
	cr_expect_eq(f[7], STATS_OUTLIER_IQR | STATS_OUTLIER_MODZ);
	for (int i = 0; i < 7; i++)
		cr_expect_eq(f[i], 0, "value %d flagged", i);
}

Test(stats, outliers_none_in_even_spread)
{
	double v[20];
	unsigned char f[20];
	for (int i = 0; i < 20; i++)
		v[i] = 1.0 + i * 0.01;
	cr_expect_eq(stats_outliers(v, 20, STATS_IQR_K, STATS_MODZ_LIMIT, f), 0);
}

/* Brute force: U counts pairs with a > b, ties as one half. */
static double brute_u(const double *a, size_t na, const double *b, size_t nb)
{
	double u = 0;
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			u += a[i] > b[j] ? 1.0 : a[i] == b[j] ? 0.5 : 0.0;
	return u;
}

Test(stats, mann_whitney_separated)
{
	double a[] = { 1, 2, 3 }, b[] = { 4, 5, 6 };
	struct stats_mwu m;
	cr_assert_eq(stats_mann_whitney(a, 3, b, 3, &m), 0);
	cr_expect_float_eq(m.u, 0.0, EPS);
	/* mean 4.5, var 9/12 * 7 = 5.25, |U - mean| - 0.5 = 4 */
	cr_expect_float_eq(m.z, -4.0 / sqrt(5.25), 1e-12);
	cr_expect_float_eq(m.p, erfc(4.0 / sqrt(5.25) / sqrt(2.0)), 1e-12);
	cr_expect(m.p > 0.080 && m.p < 0.081);
}

Test(stats, mann_whitney_ties_unequal_sizes)
{
	double a[] = { 1, 2, 2, 3, 3, 3, 7 }, b[] = { 2, 3, 4, 5 };
	struct stats_mwu ab, ba;
	cr_assert_eq(stats_mann_whitney(a, 7, b, 4, &ab), 0);
	cr_assert_eq(stats_mann_whitney(b, 4, a, 7, &ba), 0);
	cr_expect_float_eq(ab.u, brute_u(a, 7, b, 4), EPS);
	cr_expect_float_eq(ab.u + ba.u, 28.0, EPS);
	cr_expect_float_eq(ab.p, ba.p, 1e-12);
	cr_expect_float_eq(ab.z, -ba.z, 1e-12);
}

Test(stats, mann_whitney_all_equal)
{
	double a[] = { 1, 1, 1 }, b[] = { 1, 1 };
	struct stats_mwu m;
	cr_assert_eq(stats_mann_whitney(a, 3, b, 2, &m), 0);
	cr_expect_float_eq(m.p, 1.0, EPS);
}

Test(stats, stability_thresholds)
{
	double steady[] = { 1.00, 1.01, 0.99, 1.00, 1.02, 0.98, 1.00, 1.01, 0.99, 1.00 };
	double noisy[] = { 1.5, 0.7, 1.3, 0.8, 1.2, 0.9, 1.4, 0.6, 1.1, 1.0 };
	struct stats_limits l;
	struct stats_stability s;
	stats_limits_init(&l);
	stats_check_stability(steady, 10, 1.0, &l, &s);
	cr_expect(!s.spread && !s.first_slow && !s.too_short);
	cr_expect(!s.too_few, "needed %zu", s.needed);
	stats_check_stability(noisy, 10, 0.0005, &l, &s);
	cr_expect(s.spread, "rel sd %g", s.rel_stddev);
	cr_expect(s.too_few && s.needed > 10);
	cr_expect(s.first_slow && fabs(s.first_excess - 0.45 / 1.05) < 1e-9);
	cr_expect(s.too_short);
}

/* Skewed timings like real runs: 50 ms, 3% jitter, rare slow outliers. */
static void synth(struct stats_rng *r, double *v, size_t n, double scale)
{
	for (size_t i = 0; i < n; i++) {
		double x = 0.050 * (1.0 + 0.03 * stats_rng_normal(r));
		if (stats_rng_uniform(r) < 0.05)
			x += 0.010 * stats_rng_uniform(r);
		v[i] = x * scale;
	}
}

Test(stats, compare_aa_says_same, .timeout = 60)
{
	struct stats_compare_opts o;
	struct stats_rng r;
	int same = 0, trials = 400;
	stats_compare_opts_init(&o);
	o.resamples = 1000;
	stats_rng_seed(&r, 20240601);
	for (int t = 0; t < trials; t++) {
		double a[30], b[25];
		struct stats_comparison c;
		synth(&r, a, 30, 1.0);
		synth(&r, b, 25, 1.0);
		o.seed = (uint64_t)t + 1;
		cr_assert_eq(stats_compare(a, 30, b, 25, &o, &c), 0);
		same += c.verdict == STATS_SAME;
	}
	/* "far more often than 95%" of the A/A trials */
	cr_expect(same >= trials * 99 / 100, "A/A: no difference in %d of %d", same, trials);
}

Test(stats, compare_detects_real_difference, .timeout = 60)
{
	struct stats_compare_opts o;
	struct stats_rng r;
	int slower = 0, faster = 0, trials = 200;
	stats_compare_opts_init(&o);
	o.resamples = 1000;
	stats_rng_seed(&r, 5);
	for (int t = 0; t < trials; t++) {
		double a[30], b[30];
		struct stats_comparison c, back;
		synth(&r, a, 30, 1.0);
		synth(&r, b, 30, 1.10); /* b takes 10% longer */
		cr_assert_eq(stats_compare(a, 30, b, 30, &o, &c), 0);
		cr_assert_eq(stats_compare(b, 30, a, 30, &o, &back), 0);
		slower += c.verdict == STATS_SLOWER;
		faster += back.verdict == STATS_FASTER;
		cr_expect(c.ci.lo <= c.ratio && c.ratio <= c.ci.hi);
	}
	cr_expect(slower >= trials * 95 / 100, "10%% slower seen in %d of %d", slower, trials);
	cr_expect(faster >= trials * 95 / 100, "10%% faster seen in %d of %d", faster, trials);
}

Test(stats, compare_noise_band_hides_small_difference)
{
	struct stats_compare_opts o;
	double a[200], b[200];
	struct stats_comparison c;
	/* 0.5% apart, very precise: significant, but inside the 1% noise band */
	for (int i = 0; i < 200; i++) {
		a[i] = 1.0 + (i % 10) * 1e-5;
		b[i] = 1.005 + (i % 10) * 1e-5;
	}
	stats_compare_opts_init(&o);
	cr_assert_eq(stats_compare(a, 200, b, 200, &o, &c), 0);
	cr_expect(c.mwu.p < 1e-6);
	cr_expect_eq(c.verdict, STATS_SAME);
	o.noise = 0.001;
	cr_assert_eq(stats_compare(a, 200, b, 200, &o, &c), 0);
	cr_expect_eq(c.verdict, STATS_SLOWER);
}

Test(stats, summarize_fills_everything)
{
	double v[] = { 3, 1, 2, 5, 4, 100 };
	struct stats_opts o;
	struct stats_summary s;
	stats_opts_init(&o);
	cr_assert_eq(stats_summarize(v, 6, &o, &s), 0);
	cr_expect_eq(s.n, 6);
	cr_expect_float_eq(s.min, 1, EPS);
	cr_expect_float_eq(s.max, 100, EPS);
	cr_expect_float_eq(s.median, 3.5, EPS);
	cr_expect_float_eq(s.pct[0], 1, EPS);
	cr_expect_float_eq(s.pct[6], 100, EPS);
	cr_expect(s.mean_ci.lo <= s.mean && s.mean <= s.mean_ci.hi);
	cr_expect(s.outliers_iqr == 1 && s.outliers_modz == 1);
}
