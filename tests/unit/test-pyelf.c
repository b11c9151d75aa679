/* test-pyelf.c — lib/procmaps.c and lib/elfsym.c against this very test
 * process: symbols we define must be found at the addresses the process
 * really uses, the build-id must match what readelf prints, and a maps text
 * with every kind of line must parse field by field. */
#include "config.h"

#include "elfsym.h"
#include "procmaps.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Non-static so they appear in .symtab. */
int hp_test_marker_var = 4242;
const char hp_test_marker_text[] = "elfsym reads me from the file";
int hp_test_marker_func(int x);
int hp_test_marker_func(int x)
{
	return x * 3 + hp_test_marker_var;
}

static char *self_exe(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	cr_assert(n > 0);
	buf[n] = 0;
	return strdup(buf);
}

Test(procmaps, parse_fields)
{
	const char *text =
		"55d0c0000000-55d0c0001000 r--p 00000000 08:01 1234 /usr/bin/python3.11\n"
		"55d0c0001000-55d0c0200000 r-xp 00001000 08:01 1234 /usr/bin/python3.11\n"
		"7f0000000000-7f0000021000 rw-p 00000000 00:00 0 \n"
		"7f0000100000-7f0000101000 r--p 00002000 08:01 99 /tmp/lib x.so (deleted)\n"
		"7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0                          [stack]\n";
	struct procmaps m;
	char *why = NULL;

	cr_assert_eq(procmaps_parse(7, text, &m, &why), 0);
	cr_assert_eq(m.n, 5);
	cr_expect_eq(m.maps[1].start, 0x55d0c0001000ULL);
	cr_expect_eq(m.maps[1].end, 0x55d0c0200000ULL);
	cr_expect_eq(m.maps[1].offset, 0x1000);
	cr_expect_str_eq(m.maps[1].perms, "r-xp");
	cr_expect_eq(m.maps[1].inode, 1234);
	cr_expect_str_eq(m.maps[2].path, "");
	cr_expect_str_eq(m.maps[3].path, "/tmp/lib x.so");
	cr_expect_eq(m.maps[3].deleted, 1);
	cr_expect_eq(m.maps[3].offset, 0x2000);
	cr_expect_str_eq(m.maps[4].path, "[stack]");
	cr_expect_eq(procmaps_find_addr(&m, 0x55d0c0001234ULL), &m.maps[1]);
	cr_expect_null(procmaps_find_addr(&m, 0x55d0c0200000ULL));
	cr_expect_eq(procmaps_find_file(&m, "/usr/bin/python3.11"), &m.maps[0]);
	cr_expect_eq(procmaps_find_basename(&m, "python3."), &m.maps[0]);
	cr_expect_null(procmaps_find_basename(&m, "libpython"));
	procmaps_done(&m);
	cr_expect_eq(procmaps_parse(7, "garbage\n", &m, &why), -EINVAL);
	free(why);
}

Test(procmaps, no_such_process)
{
	struct procmaps m;
	char *why = NULL;
	cr_expect_eq(procmaps_read(INT_MAX - 1, &m, &why), -ESRCH);
	cr_expect_not_null(why);
	free(why);
}

/* Symbol value + load bias from our own maps == the address the code uses. */
Test(elfsym, symbols_at_their_runtime_address)
{
	char *exe = self_exe(), *why = NULL;
	struct procmaps m;
	struct elf_file *ef;
	uint64_t bias, v, size;
	struct elfsym_sym sym;

	cr_assert_eq(procmaps_read(getpid(), &m, &why), 0, "%s", why);
	cr_assert_eq(elfsym_open(exe, &ef, &why), 0, "%s", why);
	cr_assert_eq(procmaps_load_bias(&m, exe, ef, &bias, &why), 0, "%s", why);
	cr_assert_eq(elfsym_lookup(ef, "hp_test_marker_var", &v, &size), 0);
	cr_expect_eq(elfsym_bits(ef), (int)(8 * sizeof(void *)));
	cr_expect_eq(v + bias, (uint64_t)(uintptr_t)&hp_test_marker_var);
	cr_expect_eq(size, sizeof hp_test_marker_var);
	cr_assert_eq(elfsym_lookup(ef, "hp_test_marker_func", &v, NULL), 0);
	cr_expect_eq(v + bias, (uint64_t)(uintptr_t)&hp_test_marker_func);
	cr_expect_eq(elfsym_lookup(ef, "no_such_symbol_anywhere", &v, NULL), -ENOENT);

	/* Address -> symbol, from inside the function body. */
	cr_assert_eq(elfsym_find_addr(ef, v + 1, &sym), 0);
	cr_expect_str_eq(sym.name, "hp_test_marker_func");
	/* The bias found without an already open file is the same. */
	uint64_t bias2;
	cr_assert_eq(procmaps_load_bias(&m, exe, NULL, &bias2, &why), 0, "%s", why);
	cr_expect_eq(bias, bias2);
	cr_expect_eq(procmaps_load_bias(&m, "/not/mapped", ef, &bias2, &why), -ENOENT);
	free(why);
	elfsym_close(ef);
	procmaps_done(&m);
	free(exe);
}

/* Bytes of initialised data, read from the file, equal the live ones. */
Test(elfsym, read_loaded_bytes)
{
	char *exe = self_exe();
	struct elf_file *ef;
	uint64_t v;
	char buf[sizeof hp_test_marker_text];
	int val;

	cr_assert_eq(elfsym_open(exe, &ef, NULL), 0);
	cr_assert_eq(elfsym_lookup(ef, "hp_test_marker_text", &v, NULL), 0);
	cr_assert_eq(elfsym_read(ef, v, buf, sizeof buf), 0);
	cr_expect_str_eq(buf, hp_test_marker_text);
	cr_assert_eq(elfsym_lookup(ef, "hp_test_marker_var", &v, NULL), 0);
	cr_assert_eq(elfsym_read(ef, v, &val, sizeof val), 0);
	cr_expect_eq(val, 4242);
	cr_expect_eq(elfsym_read(ef, ~(uint64_t)0 - 2, buf, 8), -EFAULT);
	elfsym_close(ef);
	free(exe);
}

/* The build-id as readelf -n prints it. */
Test(elfsym, build_id_matches_readelf)
{
	char *exe = self_exe(), *cmd, line[512], *hex;
	struct elf_file *ef;
	FILE *p;
	int found = 0;

	cr_assert_eq(elfsym_open(exe, &ef, NULL), 0);
	hex = elfsym_build_id_hex(ef);
	if (asprintf(&cmd, "readelf -n '%s' 2>/dev/null", exe) < 0)
		cr_assert_fail("asprintf");
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	while (fgets(line, sizeof line, p)) {
		char *s = strstr(line, "Build ID: ");
		if (s) {
			s += strlen("Build ID: ");
			s[strcspn(s, "\n")] = 0;
			cr_assert_not_null(hex, "readelf sees build-id %s, elfsym none", s);
			cr_expect_str_eq(hex, s);
			found = 1;
		}
	}
	pclose(p);
	if (!found)
		cr_expect_null(hex, "elfsym found a build-id readelf does not show");
	free(hex);
	free(cmd);
	elfsym_close(ef);
	free(exe);
}

Test(elfsym, not_elf)
{
	struct elf_file *ef;
	char *why = NULL;
	cr_expect_eq(elfsym_open("/proc/self/status", &ef, &why), -ENOEXEC);
	cr_expect_eq(elfsym_open("/no/such/file", &ef, &why), -ENOENT);
	free(why);
}
