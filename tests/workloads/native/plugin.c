/* plugin.c — the library dlmain loads (built by the test with cc -shared). */
unsigned plugin_work(unsigned n);

unsigned plugin_work(unsigned n)
{
	unsigned h = 5;
	for (unsigned i = 0; i < n; i++) h = (h + i) * 2654435761u; /* PLUGIN */
	return h;
}
