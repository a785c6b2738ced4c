// limen._limen: the compiled half of the Python module `limen`. Every function calls the library
// function behind the matching CLI command and passes JSON text across (python/limen/__init__.py
// turns it into dicts and NumPy arrays), so Python and the CLI give the same answers.
// Bad input -> ValueError with the CLI's one-line message; a run that cannot go on -> RuntimeError.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <csignal>

#include "limen/catalog/catalog.hpp"
#include "limen/io/interrupt.hpp"
#include "limen/io/config.hpp"
#include "limen/io/output.hpp"
#include "limen/sweep/evaluate.hpp"
#include "limen/sweep/report_data.hpp"
#include "limen/sweep/sweep.hpp"
#include "limen/units/constants.hpp"
#include "limen/units/error.hpp"

#include "limen/bounds/project.hpp"
#include "limen/physics/api.hpp"
#include "limen/learn/api.hpp"

#include "limen/catalog/catalog_json.hpp"

namespace py = pybind11;
using limen::Json;

namespace {

// A config given from Python as JSON text (a dict) or TOML text, parsed with limen's reader so
// errors name the key and accepted range as the CLI does.
limen::Config config_from(const std::string& text, const std::string& kind, const std::string& source) {
  if (kind == "json") return limen::Config::parse(limen::sweep::toml_text(Json::parse(text)), source);
  return limen::Config::parse(text, source);
}

}  // namespace

void bind_memory(py::module_& m);  // memory_binding.cpp: MemoryStepper, for limen.torch

PYBIND11_MODULE(_limen, m) {
  m.doc() = "Compiled core of the limen Python module (use `import limen`).";
  bind_memory(m);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const limen::InputError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const limen::RunError& e) {
      PyErr_SetString(PyExc_RuntimeError, e.what());
    }
  });

  m.def("constants", [] {
    return py::dict(py::arg("k_B") = limen::kBoltzmann, py::arg("kT_300K") = limen::kT_J(300.0),
                    py::arg("ln2") = limen::kLn2, py::arg("tau_0") = limen::kDefaultTau0_s);
  }, "The physical constants limen uses (THEORY.md section 1).");

  m.def("project_json", [](const limen::FlagList& flags) {
    py::gil_scoped_release nogil;
    return limen::project_json(flags).dump();
  }, py::arg("flags"), "`limen project --format json` for flags given as (name, text) pairs.");
  m.def("project_flags", [] {
    py::list out;
    for (const auto& f : limen::project_flags())
      out.append(py::dict(py::arg("name") = f.name, py::arg("help") = f.help, py::arg("default") = f.default_text,
                          py::arg("numeric") = f.numeric));
    return out;
  }, "Every flag of `limen project`: name, help, default, numeric (may be varied).");

  m.def("catalog_json", [] { return limen::catalog_json(limen::Catalog::builtin()).dump(); },
        "The built-in catalog (models, chips, nodes, memories) with sources, as JSON text.");

  m.def("simulate_json", [](const std::string& text, const std::string& kind, const std::string& source, int threads,
                            const std::string& trajectories_csv) {
    const limen::Config cfg = config_from(text, kind, source);
    limen::physics::SimulateOptions opt;
    opt.threads = threads;
    opt.trajectories_csv = trajectories_csv;
    py::gil_scoped_release nogil;
    return limen::physics::simulate(cfg, opt).dump();
  }, py::arg("text"), py::arg("kind"), py::arg("source"), py::arg("threads"), py::arg("trajectories_csv"));
  m.def("validate_json", [](const std::string& level, int threads) {
    const auto lv = level == "full" ? limen::physics::Level::full : limen::physics::Level::quick;
    if (level != "quick" && level != "full") throw limen::InputError("level: expected 'quick' or 'full', got '" + level + "'");
    py::gil_scoped_release nogil;
    Json j = limen::physics::checks_json(limen::learn::validation_suite(lv, threads));
    j["level"] = level;  // as `limen validate --format json` (which also adds its wall time)
    return j.dump();
  }, py::arg("level"), py::arg("threads"));

  m.def("train_json", [](const std::string& text, const std::string& kind, const std::string& source, int threads,
                         const std::string& steps_csv) {
    const limen::Config cfg = config_from(text, kind, source);
    limen::learn::TrainOptions opt;
    opt.threads = threads;
    opt.steps_csv = steps_csv;
    py::gil_scoped_release nogil;
    return limen::learn::train(cfg, opt).dump();
  }, py::arg("text"), py::arg("kind"), py::arg("source"), py::arg("threads"), py::arg("steps_csv"));
  m.def("tradeoff_json", [](const std::string& text, const std::string& kind, const std::string& source,
                            const std::string& train_time, const std::vector<std::string>& schedules) {
    const limen::Config cfg = config_from(text, kind, source);
    limen::learn::TradeoffOptions opt;
    opt.train_time_range = train_time;
    opt.schedules = schedules;
    py::gil_scoped_release nogil;
    return limen::learn::tradeoff(cfg, opt).dump();
  }, py::arg("text"), py::arg("kind"), py::arg("source"), py::arg("train_time"), py::arg("schedules"));

  m.def("sweep", [](const std::string& study_path, const std::string& output, int threads, bool restart) {
    const auto study = limen::sweep::load_study(study_path);
    limen::sweep::Ranks ranks;  // one rank: the Python process
    limen::sweep::SweepSummary s;
    // run_sweep installs limen's SIGINT handler (stop after the running points); Python's comes back after.
    auto previous = std::signal(SIGINT, SIG_DFL);
    auto previous_term = std::signal(SIGTERM, SIG_DFL);
    limen::clear_interrupt();
    try {
      py::gil_scoped_release nogil;
      s = limen::sweep::run_sweep(study, {output, threads, restart}, ranks);
    } catch (...) {
      std::signal(SIGINT, previous);
      std::signal(SIGTERM, previous_term);
      throw;
    }
    std::signal(SIGINT, previous);
    std::signal(SIGTERM, previous_term);
    return py::dict(py::arg("points") = s.points, py::arg("resumed") = s.resumed, py::arg("computed") = s.computed,
                    py::arg("failed") = s.failed, py::arg("complete") = s.complete, py::arg("seconds") = s.seconds,
                    py::arg("threads") = s.threads, py::arg("csv") = s.csv_path, py::arg("json") = s.json_path);
  }, py::arg("study"), py::arg("output"), py::arg("threads"), py::arg("restart"));

  m.def("report_data_json", [](const std::string& model, const limen::FlagList& flags, const std::string& validation,
                               const std::string& train, const std::string& tradeoff, const std::string& study,
                               const std::string& output_dir, int threads, const std::string& cnn) {
    limen::sweep::ReportOptions o;
    o.model = model;
    o.flags = flags;
    o.validation = validation;
    o.train = train;
    o.tradeoff = tradeoff;
    o.study = study;
    o.output_dir = output_dir;
    o.threads = threads;
    o.cnn = cnn;
    py::gil_scoped_release nogil;
    return limen::sweep::report_data(o).dump();
  }, py::arg("model"), py::arg("flags"), py::arg("validation"), py::arg("train"), py::arg("tradeoff"), py::arg("study"),
     py::arg("output_dir"), py::arg("threads"), py::arg("cnn") = "", "The data `limen report` plots, as JSON text.");

  m.attr("has_project") = py::bool_(
      true
  );
}
