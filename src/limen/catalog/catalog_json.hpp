#pragma once
// The catalogs as one JSON document (`limen catalog --format json`, `limen.catalog()` in Python)
// and as tables for people.
#include <string>

#include "limen/catalog/catalog.hpp"
#include "limen/io/output.hpp"

namespace limen {

// what: "all", "models", "accelerators", "nodes" or "memories".
Json catalog_json(const Catalog& c, const std::string& what = "all");
std::string catalog_table(const Json& doc);

}  // namespace limen
