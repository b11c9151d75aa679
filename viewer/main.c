/* main.c — hpview: the text-UI viewer over an hprof database. */
#include "config.h"

#include "cmd.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	hp_set_progname("hpview");
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-V") == 0) {
			printf("hpview (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
			return HP_EXIT_OK;
		}
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			printf("usage: hpview [--db FILE] [RUN]\nText-UI viewer over an hprof database.\n");
			return HP_EXIT_OK;
		}
	}
	hp_err("the viewer is not built in this version yet; use 'hprof report' meanwhile");
	return HP_EXIT_FAIL;
}
