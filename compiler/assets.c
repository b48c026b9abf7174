/*
 * assets: finding a built-in file by name; see assets.h. The table itself
 * is generated ($(BUILDDIR)/gen/assets.c).
 */
#include "assets.h"

#include <string.h>

const struct asset *asset_find(const char *name)
{
	size_t i;

	for (i = 0; i < nassets; i++)
		if (!strcmp(assets[i].name, name))
			return &assets[i];
	return NULL;
}
