/* stats.c — descriptive statistics, bootstrap CIs, outliers, Mann-Whitney U
 * and the comparison verdict used by hpbench (see stats.h for contracts). */
#include "config.h"

#include "stats.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const double stats_pct_levels[STATS_NPCT] = { 0, 5, 25, 50, 75, 95, 100 };

/* ---- random numbers ---------------------------------------------------- */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void stats_rng_seed(struct stats_rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t stats_rng_next(struct stats_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double stats_rng_uniform(struct stats_rng *r)
{
	return (double)(stats_rng_next(r) >> 11) * 0x1.0p-53;
}

/* Unbiased: reject the top sliver that would favour small results. */
size_t stats_rng_below(struct stats_rng *r, size_t n)
{
	uint64_t limit, x;
	if (n <= 1)
		return 0;
	limit = UINT64_MAX - UINT64_MAX % n;
	do
		x = stats_rng_next(r);
	while (x >= limit);
	return (size_t)(x % n);
}

/* Box-Muller; one of the pair is dropped to keep the state simple. */
double stats_rng_normal(struct stats_rng *r)
{
	double u1, u2;
	do
		u1 = stats_rng_uniform(r);
	while (u1 <= 0.0);
	u2 = stats_rng_uniform(r);
	return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

void stats_rng_shuffle(struct stats_rng *r, size_t *idx, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = stats_rng_below(r, i), t = idx[i - 1];
		idx[i - 1] = idx[j];
		idx[j] = t;
	}
}

/* ---- descriptive statistics -------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

void stats_sort(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
}

static double *sorted_copy(const double *v, size_t n)
{
	double *c = xmalloc((n ? n : 1) * sizeof(*c));
	memcpy(c, v, n * sizeof(*c));
	stats_sort(c, n);
	return c;
}

double stats_mean(const double *v, size_t n)
{
	double sum = 0.0;
	if (n == 0)
		return NAN;
	for (size_t i = 0; i < n; i++)
		sum += v[i];
	return sum / (double)n;
}

double stats_stddev(const double *v, size_t n)
{
	double m, ss = 0.0;
	if (n == 0)
		return NAN;
	if (n == 1)
		return 0.0;
	m = stats_mean(v, n);
	for (size_t i = 0; i < n; i++)
		ss += (v[i] - m) * (v[i] - m);
	return sqrt(ss / (double)(n - 1));
}

double stats_min(const double *v, size_t n)
{
	double m = n ? v[0] : NAN;
	for (size_t i = 1; i < n; i++)
		if (v[i] < m)
			m = v[i];
	return m;
}

double stats_max(const double *v, size_t n)
{
	double m = n ? v[0] : NAN;
	for (size_t i = 1; i < n; i++)
		if (v[i] > m)
			m = v[i];
	return m;
}

double stats_percentile_sorted(const double *s, size_t n, double p)
{
	double pos, frac;
	size_t lo;
	if (n == 0)
		return NAN;
	if (p <= 0)
		return s[0];
	if (p >= 100)
		return s[n - 1];
	pos = p / 100.0 * (double)(n - 1);
	lo = (size_t)pos;
	frac = pos - (double)lo;
	if (lo + 1 >= n)
		return s[n - 1];
	return s[lo] + frac * (s[lo + 1] - s[lo]);
}

double stats_percentile(const double *v, size_t n, double p)
{
	double *s, r;
	if (n == 0)
		return NAN;
	s = sorted_copy(v, n);
	r = stats_percentile_sorted(s, n, p);
	free(s);
	return r;
}

/* k-th smallest of v[0..n) (reorders v so that everything before index k
 * is <= the result): quickselect with a three-way partition, which stays
 * linear when many values are equal. */
static double select_kth(double *v, size_t n, size_t k)
{
	while (n > 1) {
		double pivot = v[n / 2], t;
		size_t lt = 0, i = 0, gt = n;
		while (i < gt) {
			if (v[i] < pivot) {
				t = v[lt], v[lt++] = v[i], v[i++] = t;
			} else if (v[i] > pivot) {
				t = v[--gt], v[gt] = v[i], v[i] = t;
			} else {
				i++;
			}
		}
		if (k < lt) {
			n = lt;
		} else if (k >= gt) {
			v += gt, k -= gt, n -= gt;
		} else {
			return pivot;
		}
	}
	return v[0];
}

/* Median of v (reorders v). */
static double median_inplace(double *v, size_t n)
{
	double hi, lo;
	if (n == 0)
		return NAN;
	hi = select_kth(v, n, n / 2);
	if (n % 2)
		return hi;
	/* after selection every element below n/2 is <= hi: take their max */
	lo = stats_max(v, n / 2);
	return (lo + hi) / 2.0;
}

double stats_median(const double *v, size_t n)
{
	double *c, m;
	if (n == 0)
		return NAN;
	c = xmalloc(n * sizeof(*c));
	memcpy(c, v, n * sizeof(*c));
	m = median_inplace(c, n);
	free(c);
	return m;
}

double stats_mad(const double *v, size_t n)
{
	double *d, med, mad;
	if (n == 0)
		return NAN;
	med = stats_median(v, n);
	d = xmalloc(n * sizeof(*d));
	for (size_t i = 0; i < n; i++)
		d[i] = fabs(v[i] - med);
	mad = median_inplace(d, n);
	free(d);
	return mad;
}

double stats_estimate(const double *v, size_t n, enum stats_estimator est)
{
	return est == STATS_MEAN ? stats_mean(v, n) : stats_median(v, n);
}

/* ---- normal distribution ----------------------------------------------- */

static double norm_cdf(double x)
{
	return 0.5 * erfc(-x / M_SQRT2);
}

/* Bisection on the CDF: slow-ish but exact to double precision, and only
 * called a handful of times per command. */
double stats_norm_quantile(double p)
{
	double lo = -40.0, hi = 40.0;
	if (!(p > 0.0 && p < 1.0))
		return p <= 0.0 ? -INFINITY : INFINITY;
	for (int i = 0; i < 100; i++) {
		double mid = (lo + hi) / 2.0;
		if (norm_cdf(mid) < p)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2.0;
}

/* ---- bootstrap --------------------------------------------------------- */

static double resample_estimate(const double *v, size_t n, enum stats_estimator est,
				struct stats_rng *rng, double *buf)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = v[stats_rng_below(rng, n)];
	return est == STATS_MEAN ? stats_mean(buf, n) : median_inplace(buf, n);
}

static int check_boot_args(double conf, unsigned resamples)
{
	return (conf > 0.0 && conf < 1.0 && resamples >= 10) ? 0 : -EINVAL;
}

/* Percentile interval of `stat` (resamples entries, reordered). */
static void percentile_interval(double *stat, unsigned resamples, double conf,
				struct stats_ci *out)
{
	double tail = (1.0 - conf) / 2.0 * 100.0;
	stats_sort(stat, resamples);
	out->lo = stats_percentile_sorted(stat, resamples, tail);
	out->hi = stats_percentile_sorted(stat, resamples, 100.0 - tail);
}

int stats_bootstrap_ci(const double *v, size_t n, enum stats_estimator est, double conf,
		       unsigned resamples, struct stats_rng *rng, struct stats_ci *out)
{
	double *buf, *stat;
	if (n == 0 || check_boot_args(conf, resamples))
		return -EINVAL;
	buf = xmalloc(n * sizeof(*buf));
	stat = xmalloc(resamples * sizeof(*stat));
	for (unsigned r = 0; r < resamples; r++)
		stat[r] = resample_estimate(v, n, est, rng, buf);
	percentile_interval(stat, resamples, conf, out);
	free(stat);
	free(buf);
	return 0;
}

int stats_bootstrap_ratio(const double *a, size_t na, const double *b, size_t nb,
			  enum stats_estimator est, double conf, unsigned resamples,
			  struct stats_rng *rng, double *ratio, struct stats_ci *ci)
{
	double *bufa, *bufb, *stat, ea;
	if (na == 0 || nb == 0 || check_boot_args(conf, resamples))
		return -EINVAL;
	ea = stats_estimate(a, na, est);
	if (!(ea > 0.0))
		return -EINVAL;
	*ratio = stats_estimate(b, nb, est) / ea;
	bufa = xmalloc(na * sizeof(*bufa));
	bufb = xmalloc(nb * sizeof(*bufb));
	stat = xmalloc(resamples * sizeof(*stat));
	for (unsigned r = 0; r < resamples; r++) {
		double ra = resample_estimate(a, na, est, rng, bufa);
		double rb = resample_estimate(b, nb, est, rng, bufb);
		stat[r] = ra > 0.0 ? rb / ra : INFINITY;
	}
	percentile_interval(stat, resamples, conf, ci);
	free(stat);
	free(bufb);
	free(bufa);
	return 0;
}

int stats_median_ci_order(const double *v, size_t n, double conf, struct stats_ci *out)
{
	double z, half, *s;
	long j, k;
	if (n == 0 || !(conf > 0.0 && conf < 1.0))
		return -EINVAL;
	z = stats_norm_quantile(0.5 + conf / 2.0);
	half = z * sqrt((double)n) / 2.0;
	/* 1-based ranks of the bounds */
	j = (long)floor((double)n / 2.0 - half);
	k = (long)ceil(1.0 + (double)n / 2.0 + half);
	if (j < 1 || k > (long)n)
		return -EINVAL;
	s = sorted_copy(v, n);
	out->lo = s[j - 1];
	out->hi = s[k - 1];
	free(s);
	return 0;
}

/* ---- outliers ---------------------------------------------------------- */

size_t stats_outliers(const double *v, size_t n, double iqr_k, double z_limit,
		      unsigned char *flags)
{
	double *s, q1, q3, iqr, med, mad;
	size_t count = 0;
	memset(flags, 0, n);
	if (n < 3)
		return 0;
	s = sorted_copy(v, n);
	q1 = stats_percentile_sorted(s, n, 25);
	q3 = stats_percentile_sorted(s, n, 75);
	free(s);
	iqr = q3 - q1;
	med = stats_median(v, n);
	mad = stats_mad(v, n);
	for (size_t i = 0; i < n; i++) {
		if (v[i] < q1 - iqr_k * iqr || v[i] > q3 + iqr_k * iqr)
			flags[i] |= STATS_OUTLIER_IQR;
		/* MAD of 0 (over half the values equal): no spread to measure by */
		if (mad > 0.0 && fabs(0.6745 * (v[i] - med) / mad) > z_limit)
			flags[i] |= STATS_OUTLIER_MODZ;
		if (flags[i])
			count++;
	}
	return count;
}

/* ---- Mann-Whitney U ---------------------------------------------------- */

struct ranked {
	double v;
	int from_a;
};

static int cmp_ranked(const void *x, const void *y)
{
	return cmp_double(&((const struct ranked *)x)->v, &((const struct ranked *)y)->v);
}

/* Sum of the (average, for ties) ranks of sample a and the tie term
 * sum(t^3 - t) over groups of equal values. */
static void rank_sum(struct ranked *all, size_t n, double *ra, double *ties)
{
	size_t i = 0;
	*ra = 0.0;
	*ties = 0.0;
	qsort(all, n, sizeof(*all), cmp_ranked);
	while (i < n) {
		size_t j = i;
		double avg, t;
		while (j + 1 < n && all[j + 1].v == all[i].v)
			j++;
		avg = ((double)i + (double)j) / 2.0 + 1.0;
		for (size_t k = i; k <= j; k++)
			if (all[k].from_a)
				*ra += avg;
		t = (double)(j - i + 1);
		*ties += t * t * t - t;
		i = j + 1;
	}
}

int stats_mann_whitney(const double *a, size_t na, const double *b, size_t nb,
		       struct stats_mwu *out)
{
	size_t n = na + nb;
	struct ranked *all;
	double ra, ties, mean, var, diff, N = (double)n;
	if (na == 0 || nb == 0)
		return -EINVAL;
	all = xmalloc(n * sizeof(*all));
	for (size_t i = 0; i < na; i++)
		all[i] = (struct ranked){ a[i], 1 };
	for (size_t i = 0; i < nb; i++)
		all[na + i] = (struct ranked){ b[i], 0 };
	rank_sum(all, n, &ra, &ties);
	free(all);
	out->u = ra - (double)na * ((double)na + 1.0) / 2.0;
	out->auc = out->u / ((double)na * (double)nb);
	mean = (double)na * (double)nb / 2.0;
	var = (double)na * (double)nb / 12.0 * ((N + 1.0) - ties / (N * (N - 1.0)));
	if (!(var > 0.0)) {
		out->z = 0.0;
		out->p = 1.0;
		return 0;
	}
	diff = fabs(out->u - mean);
	diff = diff > 0.5 ? diff - 0.5 : 0.0; /* continuity correction */
	out->z = (out->u >= mean ? diff : -diff) / sqrt(var);
	out->p = erfc(fabs(out->z) / M_SQRT2);
	if (out->p > 1.0)
		out->p = 1.0;
	return 0;
}

/* ---- summaries, stability, comparison ---------------------------------- */

void stats_opts_init(struct stats_opts *o)
{
	o->conf = 0.95;
	o->resamples = 2000;
	o->seed = 1;
}

int stats_summarize(const double *v, size_t n, const struct stats_opts *o,
		    struct stats_summary *out)
{
	struct stats_rng rng;
	unsigned char *flags;
	double *s;
	memset(out, 0, sizeof(*out));
	if (n == 0)
		return -EINVAL;
	s = sorted_copy(v, n);
	out->n = n;
	out->conf = o->conf;
	out->mean = stats_mean(v, n);
	out->stddev = stats_stddev(v, n);
	out->median = stats_percentile_sorted(s, n, 50);
	out->mad = stats_mad(v, n);
	out->min = s[0];
	out->max = s[n - 1];
	for (int i = 0; i < STATS_NPCT; i++)
		out->pct[i] = stats_percentile_sorted(s, n, stats_pct_levels[i]);
	free(s);
	stats_rng_seed(&rng, o->seed);
	stats_bootstrap_ci(v, n, STATS_MEAN, o->conf, o->resamples, &rng, &out->mean_ci);
	stats_bootstrap_ci(v, n, STATS_MEDIAN, o->conf, o->resamples, &rng, &out->median_ci);
	flags = xmalloc(n);
	stats_outliers(v, n, STATS_IQR_K, STATS_MODZ_LIMIT, flags);
	for (size_t i = 0; i < n; i++) {
		out->outliers_iqr += (flags[i] & STATS_OUTLIER_IQR) != 0;
		out->outliers_modz += (flags[i] & STATS_OUTLIER_MODZ) != 0;
	}
	free(flags);
	return 0;
}

void stats_limits_init(struct stats_limits *l)
{
	l->max_rel_stddev = 0.10;
	l->precision = 0.01;
	l->first_slower = 0.20;
	l->min_value = 0.001;
}

void stats_check_stability(const double *v, size_t n, double min_raw,
			   const struct stats_limits *l, struct stats_stability *out)
{
	double mean, sd, med, z = 1.959963984540054;
	memset(out, 0, sizeof(*out));
	if (n == 0)
		return;
	mean = stats_mean(v, n);
	sd = stats_stddev(v, n);
	med = stats_median(v, n);
	out->rel_stddev = mean > 0.0 ? sd / mean : 0.0;
	out->spread = out->rel_stddev > l->max_rel_stddev;
	/* n for a 95% CI half-width of the mean within `precision` of it */
	if (mean > 0.0 && l->precision > 0.0) {
		double need = ceil(pow(z * sd / (l->precision * mean), 2.0));
		out->needed = need > 1e9 ? 1000000000 : (size_t)need;
	}
	out->too_few = n < 2 || out->needed > n;
	if (n >= 3 && med > 0.0) {
		out->first_excess = v[0] / med - 1.0;
		out->first_slow = out->first_excess > l->first_slower;
	}
	out->too_short = min_raw < l->min_value;
}

void stats_compare_opts_init(struct stats_compare_opts *o)
{
	o->noise = 0.01;
	o->alpha = 0.05;
	o->conf = 0.95;
	o->resamples = 2000;
	o->est = STATS_MEDIAN;
	o->seed = 1;
}

int stats_compare(const double *a, size_t na, const double *b, size_t nb,
		  const struct stats_compare_opts *o, struct stats_comparison *out)
{
	struct stats_rng rng;
	int rc;
	memset(out, 0, sizeof(*out));
	stats_rng_seed(&rng, o->seed);
	rc = stats_bootstrap_ratio(a, na, b, nb, o->est, o->conf, o->resamples, &rng,
				   &out->ratio, &out->ci);
	if (rc)
		return rc;
	rc = stats_mann_whitney(a, na, b, nb, &out->mwu);
	if (rc)
		return rc;
	out->verdict = STATS_SAME;
	if (out->mwu.p < o->alpha) {
		if (out->ci.lo > 1.0 + o->noise)
			out->verdict = STATS_SLOWER;
		else if (out->ci.hi < 1.0 - o->noise)
			out->verdict = STATS_FASTER;
	}
	return 0;
}
