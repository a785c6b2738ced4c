#pragma once
// The one exception type for bad input. Its message is one line that names the flag, key or
// file:line and the accepted range; the CLI prints it on stderr and exits with status 2.
#include <stdexcept>
#include <string>

namespace limen {

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

// Thrown when a run cannot continue for a reason of physics or numerics (a diverging loss,
// an integrator that cannot meet its tolerance). Also exit status 2 at the CLI, never a NaN.
class RunError : public std::runtime_error {
 public:
  explicit RunError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace limen
