/* stats.h — the one statistics module: summaries, bootstrap confidence
 * intervals, outliers, the Mann-Whitney U test and run comparisons.
 *
 * Every function takes values as plain double arrays and never reorders the
 * caller's array (copies are sorted internally).  Randomness comes only from
 * a caller-seeded generator so every result can be reproduced. */
#ifndef HP_STATS_H
#define HP_STATS_H

#include <stddef.h>
#include <stdint.h>

/* xoshiro256** generator; seed with stats_rng_seed. */
struct stats_rng {
	uint64_t s[4];
};
void stats_rng_seed(struct stats_rng *r, uint64_t seed);
uint64_t stats_rng_next(struct stats_rng *r);
double stats_rng_uniform(struct stats_rng *r);          /* [0, 1) */
size_t stats_rng_below(struct stats_rng *r, size_t n);  /* [0, n) */
double stats_rng_normal(struct stats_rng *r);           /* N(0, 1) */
void stats_rng_shuffle(struct stats_rng *r, size_t *idx, size_t n);

/* Simple estimators.  Empty input gives NAN; stddev of one value gives 0. */
double stats_mean(const double *v, size_t n);
double stats_stddev(const double *v, size_t n);   /* sample (n - 1) */
double stats_median(const double *v, size_t n);
double stats_mad(const double *v, size_t n);      /* raw median |v - median| */
double stats_min(const double *v, size_t n);
double stats_max(const double *v, size_t n);
/* Percentile p in [0, 100], linear interpolation between closest ranks. */
double stats_percentile(const double *v, size_t n, double p);
double stats_percentile_sorted(const double *sorted, size_t n, double p);
void stats_sort(double *v, size_t n);

enum stats_estimator { STATS_MEDIAN = 0, STATS_MEAN = 1 };
double stats_estimate(const double *v, size_t n, enum stats_estimator est);

struct stats_ci {
	double lo, hi;
};

/* Percentile bootstrap CI of mean or median at level conf (e.g. 0.95).
 * Returns 0, or -EINVAL for n == 0 / bad arguments. */
int stats_bootstrap_ci(const double *v, size_t n, enum stats_estimator est, double conf,
		       unsigned resamples, struct stats_rng *rng, struct stats_ci *out);

/* Distribution-free CI of the median from order statistics (binomial,
 * normal approximation); cheap enough to call after every new value.
 * -EINVAL when n is too small (< 6) to bound the median at that level. */
int stats_median_ci_order(const double *v, size_t n, double conf, struct stats_ci *out);

/* Bootstrap of est(b) / est(a): a and b are resampled independently. */
int stats_bootstrap_ratio(const double *a, size_t na, const double *b, size_t nb,
			  enum stats_estimator est, double conf, unsigned resamples,
			  struct stats_rng *rng, double *ratio, struct stats_ci *ci);

/* Outlier flags, one byte per value: bit 1 = outside [Q1 - k IQR, Q3 + k IQR],
 * bit 2 = |modified Z| > z_limit (Iglewicz and Hoaglin: 0.6745 (x - med) / MAD). */
enum { STATS_OUTLIER_IQR = 1, STATS_OUTLIER_MODZ = 2 };
#define STATS_IQR_K 1.5
#define STATS_MODZ_LIMIT 3.5
size_t stats_outliers(const double *v, size_t n, double iqr_k, double z_limit,
		      unsigned char *flags);

/* Mann-Whitney U test (two-sided, normal approximation with tie and
 * continuity corrections).  u is U of sample a; auc = u / (na nb) is the
 * probability that a value of a exceeds one of b (ties count half). */
struct stats_mwu {
	double u, z, p, auc;
};
int stats_mann_whitney(const double *a, size_t na, const double *b, size_t nb,
		       struct stats_mwu *out);

/* Standard normal quantile (inverse CDF), for CI levels. */
double stats_norm_quantile(double p);

/* Everything `stats` and `show` print about one set of values. */
#define STATS_NPCT 7
extern const double stats_pct_levels[STATS_NPCT]; /* 0 5 25 50 75 95 100 */
struct stats_summary {
	size_t n;
	double mean, stddev, median, mad, min, max;
	double pct[STATS_NPCT];
	struct stats_ci mean_ci, median_ci; /* bootstrap, level `conf` */
	double conf;
	size_t outliers_iqr, outliers_modz;
};
struct stats_opts {
	double conf;        /* 0.95 */
	unsigned resamples; /* bootstrap resamples, 2000 */
	uint64_t seed;
};
void stats_opts_init(struct stats_opts *o);
int stats_summarize(const double *v, size_t n, const struct stats_opts *o,
		    struct stats_summary *out);

/* Stability checks: each field is set when its check fires; the limits are
 * in `stats_limits` so the printed warning can state them. */
struct stats_limits {
	double max_rel_stddev;   /* 0.10: std dev over 10% of the mean */
	double precision;        /* 0.01: wanted 95% CI half-width of the mean */
	double first_slower;     /* 0.20: first value 20% above the median */
	double min_value;        /* 0.001 s: shortest value (raw) under 1 ms */
};
void stats_limits_init(struct stats_limits *l);
struct stats_stability {
	int spread, too_few, first_slow, too_short;
	double rel_stddev;   /* stddev / mean */
	size_t needed;       /* values needed for `precision` */
	double first_excess; /* first / median - 1 */
};
/* `v` in the order measured; `min_raw` is the shortest raw (unnormalised)
 * value in seconds (a timeit value times its loops). */
void stats_check_stability(const double *v, size_t n, double min_raw,
			   const struct stats_limits *l, struct stats_stability *out);

/* Comparison of two samples: ratio = est(b) / est(a) (> 1: b takes longer). */
enum stats_verdict { STATS_SAME = 0, STATS_FASTER = 1, STATS_SLOWER = 2 };
struct stats_compare_opts {
	double noise;       /* 0.01: differences within 1% are noise */
	double alpha;       /* 0.05 significance level for Mann-Whitney */
	double conf;        /* 0.95 level of the ratio's CI */
	unsigned resamples; /* 2000 */
	enum stats_estimator est;
	uint64_t seed;
};
void stats_compare_opts_init(struct stats_compare_opts *o);
struct stats_comparison {
	double ratio;
	struct stats_ci ci;
	struct stats_mwu mwu;
	enum stats_verdict verdict; /* of b relative to a */
};
/* The verdict is faster/slower only when the test is significant (p < alpha)
 * and the whole CI of the ratio lies beyond the noise band [1-noise, 1+noise]. */
int stats_compare(const double *a, size_t na, const double *b, size_t nb,
		  const struct stats_compare_opts *o, struct stats_comparison *out);

#endif
