/* test-bench-spawn.c — the timing core on real processes: wall time covers
 * the child's life, exit statuses and signals come back, the passed fd is
 * the child's fd 3, affinity applies to the child only, hooks see the pid. */
#include "config.h"

#include "bench/report.h"
#include "bench/spawn.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *A(const char *s)
{
	return (char *)s;
}

Test(spawn, sleep_is_timed_and_status_returned)
{
	char *argv[] = { A("sleep"), A("0.05"), NULL };
	struct spawn_spec s;
	struct spawn_result r;
	spawn_spec_init(&s, argv);
	cr_assert_eq(spawn_run(&s, &r, NULL), 0);
	cr_expect_geq(r.wall_ns, 50000000u, "sleep 0.05 took %llu ns", (unsigned long long)r.wall_ns);
	cr_expect_eq(r.exit_code, 0);
	cr_expect_gt(r.max_rss_kb, 0);
}

Test(spawn, exit_code_and_signal)
{
	char *f[] = { A("sh"), A("-c"), A("exit 7"), NULL };
	char *k[] = { A("sh"), A("-c"), A("kill -TERM $$"), NULL };
	struct spawn_spec s;
	struct spawn_result r;
	spawn_spec_init(&s, f);
	cr_assert_eq(spawn_run(&s, &r, NULL), 0);
	cr_expect_eq(r.exit_code, 7);
	cr_expect_eq(r.signo, 0);
	spawn_spec_init(&s, k);
	cr_assert_eq(spawn_run(&s, &r, NULL), 0);
	cr_expect_eq(r.signo, SIGTERM);
	cr_expect_eq(r.exit_code, 128 + SIGTERM);
}

Test(spawn, missing_command_fails_to_start)
{
	char *argv[] = { A("no-such-command-hpbench"), NULL };
	struct spawn_spec s;
	struct spawn_result r;
	char *why = NULL;
	spawn_spec_init(&s, argv);
	cr_expect_eq(spawn_run(&s, &r, &why), -ENOENT);
	cr_expect(why && strstr(why, "no-such-command-hpbench"));
	free(why);
}

Test(spawn, pass_fd_is_fd3_and_output_fd)
{
	char *argv[] = { A("sh"), A("-c"), A("echo via3 >&3; echo out; echo err >&2"), NULL };
	struct spawn_spec s;
	struct spawn_result r;
	int p[2], out;
	char buf[64] = { 0 }, tmpl[] = "/tmp/hpbench-spawn-XXXXXX";
	cr_assert_eq(pipe2(p, O_CLOEXEC), 0);
	out = mkstemp(tmpl);
	unlink(tmpl);
	spawn_spec_init(&s, argv);
	s.pass_fd = fcntl(p[1], F_DUPFD_CLOEXEC, 10);
	s.output = SPAWN_OUT_FD;
	s.out_fd = out;
	cr_assert_eq(spawn_run(&s, &r, NULL), 0);
	close(s.pass_fd);
	close(p[1]);
	cr_expect_gt(read(p[0], buf, sizeof buf - 1), 0);
	cr_expect_str_eq(buf, "via3\n");
	memset(buf, 0, sizeof buf);
	cr_expect_gt(pread(out, buf, sizeof buf - 1, 0), 0);
	cr_expect_str_eq(buf, "out\nerr\n");
	close(out);
	close(p[0]);
}

Test(spawn, affinity_for_the_child_only)
{
	char *argv[] = { A("sh"), A("-c"), A("grep Cpus_allowed_list /proc/self/status >&3"), NULL };
	struct spawn_spec s;
	struct spawn_result r;
	cpu_set_t one, before, after;
	int p[2];
	char buf[128] = { 0 };
	cr_assert_eq(spawn_parse_cpus("0", &one, NULL), 0);
	sched_getaffinity(0, sizeof before, &before);
	cr_assert_eq(pipe2(p, O_CLOEXEC), 0);
	spawn_spec_init(&s, argv);
	s.affinity = &one;
	s.pass_fd = fcntl(p[1], F_DUPFD_CLOEXEC, 10);
	cr_assert_eq(spawn_run(&s, &r, NULL), 0);
	close(s.pass_fd);
	close(p[1]);
	cr_expect_gt(read(p[0], buf, sizeof buf - 1), 0);
	cr_expect(strstr(buf, "\t0\n") != NULL, "child affinity: %s", buf);
	sched_getaffinity(0, sizeof after, &after);
	cr_expect(CPU_EQUAL(&before, &after), "our own affinity changed");
	close(p[0]);
}

static void saw_pid(pid_t pid, void *arg)
{
	*(pid_t *)arg = pid;
}

Test(spawn, hook_gets_the_child_pid)
{
	char *argv[] = { A("true"), NULL };
	pid_t seen = 0;
	struct spawn_hooks h = { .after_spawn = saw_pid, .arg = &seen };
	struct spawn_spec s;
	struct spawn_result r;
	pid_t pid;
	uint64_t t0;
	spawn_spec_init(&s, argv);
	s.hooks = &h;
	cr_assert_eq(spawn_start(&s, &pid, &t0, NULL), 0);
	cr_expect_eq(seen, pid);
	cr_assert_eq(spawn_wait(&s, pid, t0, &r, NULL), 0);
}

Test(spawn, cpu_lists)
{
	cpu_set_t set;
	cr_assert_eq(spawn_parse_cpus("0,2-4", &set, NULL), 0);
	cr_expect_eq(CPU_COUNT(&set), 4);
	cr_expect(CPU_ISSET(3, &set) && !CPU_ISSET(1, &set));
	cr_expect_lt(spawn_parse_cpus("3-1", &set, NULL), 0);
	cr_expect_lt(spawn_parse_cpus("a", &set, NULL), 0);
	cr_expect_lt(spawn_parse_cpus("", &set, NULL), 0);
}

Test(report, time_units)
{
	char b[REPORT_TIME_LEN];
	cr_expect_str_eq(report_time(b, sizeof b, 0.0512), "51.2 ms");
	cr_expect_str_eq(report_time(b, sizeof b, 1.5), "1.50 s");
	cr_expect_str_eq(report_time(b, sizeof b, 812e-9), "812 ns");
	cr_expect_str_eq(report_time(b, sizeof b, 0.0009999), "1.00 ms");
	cr_expect_str_eq(report_time(b, sizeof b, 123.4e-6), "123 us");
}
