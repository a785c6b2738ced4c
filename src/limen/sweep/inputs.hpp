#pragma once
// The files a study's points read besides the study itself: data sets (CSV, IDX), barrier curves,
// extra catalogs, the built-in catalog and data set. Their bytes are part of the study's
// fingerprint (DIR/study.json), so a resumed sweep never mixes results computed from an edited
// file with new ones: it refuses and names the file.
#include <string>
#include <toml++/toml.h>

#include "limen/io/output.hpp"
#include "limen/sweep/study.hpp"

namespace limen::sweep {

// "fnv1a64:<16 hex digits>:<size in bytes>" of a file's bytes; "" when it cannot be read.
std::string file_digest(const std::string& path);

// Adds to `files` (path -> digest) every string leaf of `value` that names an existing regular
// file, a relative name resolved against `base_dir` as the point's config resolves it.
void add_referenced_files(const Json& value, const std::string& base_dir, Json& files);

// Every file any point of the study reads, with its digest.
Json study_input_files(const Study& study);

// The first file whose digest in `stored_files` differs from its bytes now (or from
// `current_files`), as "PATH changed since ..."; "" when none did.
std::string changed_file(const Json& stored_files, const Json& current_files);

// Every string of a TOML config that names an existing file (see add_referenced_files).
void add_config_files(const toml::node& node, const std::string& base_dir, Json& files);

// "" when `stored` (a study.json) and `current` define the same results; else why not, naming
// the changed file, the base config or the study file.
std::string fingerprint_difference(const Json& stored, const Json& current, const Study& study);

}  // namespace limen::sweep
