/*
 * schemas: the JSON Schemas (draft 2020-12) of the release's JSONL files,
 * written to schema/ in every release (SPEC 5).
 */
#ifndef SCHEMAS_H
#define SCHEMAS_H

struct schema_file {
	const char *name; /* e.g. "scenarios.schema.json" */
	const char *text;
};

extern const struct schema_file schema_files[];
extern const unsigned schema_nfiles;

#endif
