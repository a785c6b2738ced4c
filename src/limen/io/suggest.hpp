#pragma once
// "Did you mean ...?" for unknown names (models, chips, config keys): nearest by edit distance.
#include <string>
#include <string_view>
#include <vector>

namespace limen {

size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `name`, or "" when none is reasonably close.
std::string nearest(std::string_view name, const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "" - ready to append to an error message.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace limen
