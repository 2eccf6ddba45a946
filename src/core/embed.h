/* embed: the table format that tools/embed.c generates at build time
 * (web assets in build/gen/assets.c, SQL migrations in
 * build/gen/migrations.c, sample data in build/gen/seed.c). Each table ends with an entry whose name is NULL.
 * All data is static and immutable; data[len] is a NUL byte. */
#ifndef YK_EMBED_H
#define YK_EMBED_H

#include <stddef.h>

struct yk_embedded_file {
	const char *name;          /* path relative to its folder, "app.js" */
	const unsigned char *data;
	size_t len;
	const char *etag;          /* quoted strong ETag, "\"0123abcd...\"" */
};

extern const struct yk_embedded_file yk_assets[];
extern const struct yk_embedded_file yk_migrations[];
extern const struct yk_embedded_file yk_seed[]; /* data/seed/: sample data */
extern const struct yk_embedded_file yk_stresscheck_data[]; /* data/stresscheck/: 57 items, 素点換算表 */
/* the learned name model of the guard (src/pii/pii_learn.c), trained at
 * build time by tools/pii_train.c from tests/data/pii/ */
extern const struct yk_embedded_file yk_pii_model[];

#endif
