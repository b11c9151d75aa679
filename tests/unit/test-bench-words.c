/* test-bench-words.c — word splitting of -c commands and parameter scans. */
#include "config.h"

#include "bench/words.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

Test(words, split_quotes_and_backslashes)
{
	char **argv = NULL;
	cr_assert_eq(words_split("  sh -c 'echo a  b' \"x y\"\\ z w\\\"q ", &argv, NULL), 0);
	cr_expect_str_eq(argv[0], "sh");
	cr_expect_str_eq(argv[1], "-c");
	cr_expect_str_eq(argv[2], "echo a  b");
	cr_expect_str_eq(argv[3], "x y z");
	cr_expect_str_eq(argv[4], "w\"q");
	cr_expect_null(argv[5]);
	words_free(argv);
}

Test(words, split_errors)
{
	char **argv = NULL, *why = NULL;
	cr_expect_eq(words_split("echo 'open", &argv, &why), -EINVAL);
	cr_expect(why && strstr(why, "unterminated"));
	free(why);
	why = NULL;
	cr_expect_eq(words_split("   ", &argv, &why), -EINVAL);
	free(why);
	cr_assert_eq(words_split("''", &argv, NULL), 0); /* one empty word */
	cr_expect_str_eq(argv[0], "");
	words_free(argv);
}

Test(words, scans_combine_and_substitute)
{
	struct scan s[2];
	char *t;
	cr_assert_eq(scan_range(&s[0], "n", "1", "3", NULL), 0);
	cr_assert_eq(scan_list(&s[1], "mode", "fast,slow", NULL), 0);
	cr_expect_eq(scan_combinations(s, 2), 6);
	t = scan_subst("run {n} {mode} {other} {n}", s, 2, 3); /* n=2, mode=slow */
	cr_expect_str_eq(t, "run 2 slow {other} 2");
	free(t);
	t = scan_describe(s, 2, 4);
	cr_expect_str_eq(t, "n=3,mode=fast");
	free(t);
	scan_done(&s[0]);
	scan_done(&s[1]);
}

Test(words, scan_bad_ranges)
{
	struct scan s;
	cr_expect_lt(scan_range(&s, "n", "5", "1", NULL), 0);
	cr_expect_lt(scan_range(&s, "n", "a", "1", NULL), 0);
	cr_expect_lt(scan_range(&s, "{n}", "1", "2", NULL), 0);
	cr_expect_lt(scan_list(&s, "n", ",,", NULL), 0);
}
