#include "limen/learn/setup.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "limen/catalog/catalog.hpp"
#include "limen/learn/schedule.hpp"
#include "limen/physics/tilted_transport.hpp"
#include "limen/units/parse.hpp"

namespace limen::learn {
namespace {

std::vector<double> number_or_list(const Config& c, const std::string& key, double fallback, Range r) {
  if (!c.has(key)) {
    c.touch(key);
    return {fallback};
  }
  if (c.raw().get(key)->is_array()) {
    auto v = c.numbers(key, r);
    if (v.empty()) c.fail(key, "expected a number or a non-empty array of numbers");
    return v;
  }
  return {c.number(key, r)};
}

std::string resolve(const Config& c, const std::string& file) {
  namespace fs = std::filesystem;
  if (file.empty() || fs::path(file).is_absolute()) return file;
  const fs::path rel = c.resolve_path(file);  // the config's folder (a study's base config: its own)
  return fs::exists(rel) || !fs::exists(file) ? rel.string() : file;
}

Split read_data(const Config& d, bool& classification, std::string& source) {
  const std::string kind = d.choice("source", {"digits", "csv", "idx", "synthetic"}, "digits");
  const double test_fraction = d.number("test_fraction", 0.2, Range::closed(0, 0.9));
  const auto split_seed = static_cast<uint64_t>(d.integer("split_seed", 1998, Range::non_negative()));
  Dataset all;
  std::string norm_default = "standard";
  if (kind == "digits") {
    all = load_digits();
    norm_default = "max";
    classification = true;
    source = "digits (UCI optical digits, 1797 8x8 images)";
  } else if (kind == "csv") {
    const std::string path = resolve(d, d.string("path"));
    classification = d.choice("task", {"classification", "regression"}, "classification") == "classification";
    const int col = static_cast<int>(d.integer("label_column", -1, Range::any()));
    all = load_csv(path, col, classification, d.where("path"));
    source = path;
  } else if (kind == "idx") {
    const std::string im = resolve(d, d.string("images")), lb = resolve(d, d.string("labels"));
    all = load_idx(im, lb, d.where("images"), d.where("labels"));
    norm_default = "max";
    classification = true;
    source = im;
  } else {
    classification = d.choice("task", {"classification", "regression"}, "classification") == "classification";
    const auto samples = d.integer("samples", 1000, Range::closed(4, 1e7));
    const auto features = d.integer("features", 10, Range::closed(1, 1e5));
    const auto seed = static_cast<uint64_t>(d.integer("seed", 7, Range::non_negative()));
    if (classification) {
      const int classes = static_cast<int>(d.integer("classes", 3, Range::closed(2, 1000)));
      const double sep = d.number("separation", 2.0, Range::positive());
      all = synthetic_classification(samples, features, classes, sep, seed);
    } else {
      all = synthetic_regression(samples, features, d.number("noise", 0.1, Range::non_negative()), seed);
    }
    source = fmt::format("synthetic {} ({} samples, {} features)", classification ? "classification" : "regression",
                         samples, features);
  }
  Split s;
  if (d.has("test_path") || d.has("test_images")) {
    s.train = std::move(all);
    if (kind == "idx") s.test = load_idx(resolve(d, d.string("test_images")), resolve(d, d.string("test_labels")), d.where("test_images"), d.where("test_labels"));
    else s.test = load_csv(resolve(d, d.string("test_path")), static_cast<int>(d.integer("label_column", -1)), classification, d.where("test_path"), false);
    if (s.test.features() != s.train.features()) d.fail("test_path", "the test set has a different number of features");
    if (classification && s.test.classes > s.train.classes)
      d.fail(kind == "idx" ? "test_labels" : "test_path",
             fmt::format("the test set has label {} but the training set only the classes 0..{}", s.test.classes - 1, s.train.classes - 1));
    s.test.classes = s.train.classes = std::max(s.train.classes, s.test.classes);
  } else {
    if (test_fraction <= 0) d.fail("test_fraction", "must be > 0 when there is no separate test set");
    s = split_dataset(all, test_fraction, split_seed);
  }
  if (s.train.size() < 2 || s.test.size() < 1) d.fail("test_fraction", "leaves too few training or test samples");
  normalize(s, d.choice("normalize", {"none", "max", "standard"}, norm_default));
  return s;
}

// [memory] model = "device" (README "Device memories"): device = a catalog memory (with its pulse
// response for an analog one), "ideal", or an entry of the user's catalog file (catalog = "FILE").
void read_device(const Config& m, MemorySpec& spec) {
  if (spec.model != memory::Model::device) {
    for (const char* k : {"device", "catalog", "weight_scale"})
      if (m.has(k)) m.fail(k, "only for model = \"device\"");
    return;
  }
  memory::DeviceSpec& d = spec.device;
  Catalog catalog = Catalog::builtin();
  if (m.has("catalog")) catalog.load_file(resolve(m, m.string("catalog")));
  std::vector<std::string> names{"ideal"};
  for (const auto& n : catalog.memory_names()) names.push_back(n);
  d.name = m.choice("device", names, "ideal");
  d.weight_scale = m.number("weight_scale", 1.0, Range::positive());
  d.ideal = d.name == "ideal";
  if (d.ideal) return;
  const MemoryEntry& e = catalog.memory(d.name);
  d.analog = e.analog;
  d.read_sourced = e.read_energy_per_bit >= 0;
  d.read_J = std::max(0.0, e.read_energy_per_bit);
  if (!e.analog) {
    d.write_J = e.write_energy_per_bit;
    return;
  }
  if (!e.response)
    m.fail("device", fmt::format("'{}' has no sourced pulse response: {}", d.name,
                                 e.response_missing.empty() ? "none in the catalog" : e.response_missing));
  const ResponseEntry& r = *e.response;
  d.write_J = e.write_energy_per_pulse;
  if (r.model == "one-sided-pair") {
    const PairResponse& p = r.pair;
    d.one_sided_pair = true;
    d.pair = {p.dw_min, p.g_max, p.exp_a, p.exp_b, p.exp_A, p.exp_gamma, p.dw_min_d2d, p.up_down_d2d, p.g_max_d2d,
              p.c2c, p.c2c_add, p.c2c_slope, p.reset, p.reset_d2d, p.reset_c2c, p.refresh_upper, p.refresh_lower,
              p.refresh_every, p.refresh_max_pulses, p.refresh_verify, e.reset_energy_per_pulse};
    return;
  }
  d.dw_min = r.dw_min;
  d.w_min = r.w_min;
  d.w_max = r.w_max;
  d.gamma_up = r.gamma_up;
  d.gamma_down = r.gamma_down;
  d.up_down = r.up_down;
  d.c2c = r.c2c;
  d.c2c_multiplicative = r.c2c_multiplicative;
  d.dw_min_d2d = r.dw_min_d2d;
  d.up_down_d2d = r.up_down_d2d;
  d.w_max_d2d = r.w_max_d2d;
  d.w_min_d2d = r.w_min_d2d;
}

}  // namespace

// What the memory model can simulate (THEORY §5.2-5.3): the coarse and resolved memories use the
// tilted-cosine transport, tabulated for E_b in [0, 80] kT; the resolved memory's sub-step must
// resolve a level at the schedule's largest barrier.
void check_memory(TrainSetup& s, const Config* m, const Config* so) {
  constexpr double kPi = 3.14159265358979323846;
  if (s.memory.model == memory::Model::linear_response || s.memory.model == memory::Model::device) return;
  const double top = physics::TiltedTransportTable::kMaxBarrier;
  const auto fail = [&](const Config* c, const std::string& key, const std::string& msg) {
    if (c) c->fail(key, msg);
    throw InputError(fmt::format("[{}] {}: {}", c == so ? "schedule" : "memory", key, msg));
  };
  const std::string model = memory::model_name(s.memory.model);
  if (s.memory.retention_barrier > top)
    fail(m, "retention_barrier", fmt::format("the {} memory's transport is tabulated for barriers in [0, {}] kT; use model = \"linear-response\" beyond", model, top));
  const Schedule sched(s.schedule, s.memory, s.run.eta, s.run.time, s.model->size());
  const double emax = sched.max_barrier();
  if (emax > top) {
    const std::string key = s.schedule.kind == ScheduleKind::curve ? "curve" : s.schedule.kind == ScheduleKind::matched ? "max_barrier" : "barrier";
    fail(so, key, fmt::format("barriers up to {:g} kT; the {} memory's transport is tabulated for [0, {}] kT", emax, model, top));
  }
  if (s.memory.model != memory::Model::resolved) return;
  Vec curvature;
  if (!s.model->diag_curvature(Vec::Constant(s.model->size(), s.init_mean), {}, curvature))
    fail(m, "model", fmt::format("the resolved memory needs the loss curvature, which the {} model does not give", s.model->kind()));
  // THEORY §5.2: dt mu_0 2 pi^2 E_b / l^2 <= 0.02 at the largest barrier; by default a quarter of
  // that (0.005), which leaves room for the drive (checked during the run) and keeps the
  // Euler-Maruyama bias of the barrier's heat near threshold to about 2-3% (5% at 0.01, measured
  // by learn-coarse-vs-resolved's setup).
  const double l = s.memory.level, mu0 = s.memory.mobility0_model();
  const double limit = emax > 0 ? memory::kSubstepStability * l * l / (mu0 * 2 * kPi * kPi * emax) : s.run.dt();
  if (s.memory.substep > 0) {
    if (s.memory.substep > limit * (1 + 1e-12))
      fail(m, "dt", fmt::format("must be <= {:.4g} (dt mu_0 2 pi^2 E_b / l^2 <= {} at the schedule's largest barrier, "
                                "{:g} kT)", limit, memory::kSubstepStability, emax));
  } else {
    s.memory.substep = std::min(s.run.dt(), 0.25 * limit);
  }
}

ScheduleKind schedule_kind(const std::string& name, const std::string& where) {
  if (name == "static") return ScheduleKind::fixed;
  if (name == "switched") return ScheduleKind::switched;
  if (name == "matched") return ScheduleKind::matched;
  if (name == "curve") return ScheduleKind::curve;
  throw InputError(fmt::format("{}: unknown schedule '{}'; expected one of: static, switched, matched, curve", where, name));
}

TrainSetup read_train_setup(const Config& config) {
  TrainSetup s;
  // [memory]
  if (auto m = config.optional_table("memory")) {
    s.memory.mobility0 = m->number("mobility", 1000, Range::positive());
    s.memory.level = m->number("level", 1, Range::positive());
    if (m->has("temperature") && m->raw().get("temperature")->is_string())
      s.memory.temperature_K = parse_temperature(m->string("temperature"), m->where("temperature"));
    else
      s.memory.temperature_K = m->number("temperature", 300, Range::positive());
    s.memory.retention_barrier = m->number("retention_barrier", 61, Range::closed(0, 700));
    s.memory.bits = static_cast<int>(m->integer("bits", 8, Range::closed(1, 64)));
    const std::string model = m->choice("model", {"coarse", "resolved", "linear-response", "device"}, "coarse");
    s.memory.model = model == "coarse" ? memory::Model::coarse : model == "resolved" ? memory::Model::resolved
                   : model == "device" ? memory::Model::device : memory::Model::linear_response;
    s.memory.substep = m->number("dt", 0.0, Range::non_negative());
    read_device(*m, s.memory);
  }
  const auto memory_table = config.optional_table("memory");
  // [model] and [data]
  const Config mc = config.table("model");
  const std::string kind = mc.choice("kind", {"quadratic", "linear", "softmax", "mlp"}, "quadratic");
  s.init_mean = mc.number("init_mean", kind == "quadratic" ? 128.0 : 0.0, Range::any());
  s.init_sd = mc.number("init_spread", kind == "quadratic" ? 10.0 : 0.1, Range::positive());
  bool data_model = kind != "quadratic";
  // The walls (THEORY §5.1): by default the 2^b levels are centred on the initial mean.
  s.memory.offset = s.init_mean - std::ldexp(s.memory.level, s.memory.bits - 1);
  if (memory_table && memory_table->has("offset")) s.memory.offset = memory_table->number("offset", Range::any());
  else if (memory_table) memory_table->touch("offset");
  if (!data_model) {
    const auto n = mc.integer("parameters", 1000, Range::closed(1, 1e8));
    auto lam = number_or_list(mc, "curvature", 1.0, Range::positive());
    auto opt = number_or_list(mc, "optimum", 0.0, Range::any());
    s.model = make_quadratic(n, std::move(lam), std::move(opt));
    s.data_source = "synthetic quadratic";
    if (config.has("data")) config.fail("data", "a quadratic model takes no [data] table");
  } else {
    bool classification = true;
    Split split = read_data(config.table("data"), classification, s.data_source);
    if (kind == "linear") {
      if (classification) mc.fail("kind", "linear regression needs [data] task = \"regression\"");
      s.model = make_linear_regression(std::move(split));
    } else if (kind == "softmax") {
      if (!classification) mc.fail("kind", "softmax regression needs a classification dataset");
      s.model = make_softmax(std::move(split));
    } else {
      const int hidden = static_cast<int>(mc.integer("hidden", 32, Range::closed(1, 100000)));
      s.model = make_mlp(std::move(split), hidden);
    }
  }
  // [train]
  const Config tc = config.table("train");
  RunSpec& r = s.run;
  r.eta = tc.number("eta", Range::positive());
  r.time = tc.number("time", Range::positive());
  r.steps = tc.integer("steps", 10000, Range::closed(1, 1e9));
  r.batch = tc.integer("batch", 0, Range::closed(0, 1e9));
  if (!data_model && r.batch != 0) tc.fail("batch", "the quadratic model has no data; leave batch out (or 0)");
  r.seed = static_cast<uint64_t>(tc.integer("seed", 1, Range::non_negative()));
  r.replicas = static_cast<int>(tc.integer("replicas", data_model ? 4 : 1, Range::closed(data_model ? 2 : 1, 256)));
  r.target_error = tc.number("target_error", -1, Range::any());
  if (tc.has("target_error") && (data_model || r.target_error <= 0)) tc.fail("target_error", data_model ? "only for the quadratic model (use target_accuracy or target_loss)" : "expected a number in (0, inf)");
  r.target_accuracy = tc.number("target_accuracy", -1, Range::any());
  if (tc.has("target_accuracy") && (!s.model->classification() || r.target_accuracy <= 0 || r.target_accuracy > 1))
    tc.fail("target_accuracy", s.model->classification() ? "expected a number in (0, 1]" : "only for classification models");
  r.target_loss = tc.number("target_loss", -1, Range::any());
  if (tc.has("target_loss") && r.target_loss < 0) tc.fail("target_loss", "expected a number in [0, inf)");
  r.stop_at_target = tc.boolean("stop_at_target", true);
  r.loss_min = tc.number("loss_min", 0, Range::any());
  r.eval_every = tc.integer("eval_every", 0, Range::closed(0, 1e9));
  // The drive/noise split of a minibatch run costs two full-training-set losses per sampled step;
  // by default every 8th step is sampled (README, "the heat split").
  r.split_every = tc.integer("split_every", data_model ? 16 : 1, Range::closed(1, 1e6));
  // [schedule]
  ScheduleSpec& sc = s.schedule;
  const auto so = config.optional_table("schedule");
  sc.barrier = sc.max_barrier = s.memory.retention_barrier;
  sc.kind = ScheduleKind::matched;
  if (so) {
    sc.kind = schedule_kind(so->choice("kind", {"static", "switched", "matched", "curve"}, "matched"), so->where("kind"));
    sc.barrier = so->number("barrier", s.memory.retention_barrier, Range::closed(0, 700));
    sc.duty = so->number("duty", 0.5, {0, 1, true, false});
    sc.period = so->number("period", r.time / 50, Range::positive());
    sc.rho = so->number("rho", 0.1, Range::positive());
    sc.average_steps = static_cast<int>(so->integer("average_steps", 10, Range::closed(1, 1e6)));
    sc.max_barrier = so->number("max_barrier", s.memory.retention_barrier, Range::closed(0, 700));
    if (so->has("curve")) {
      sc.curve_file = resolve(*so, so->string("curve"));
      sc.curve = read_barrier_curve(sc.curve_file, so->where("curve"));
    } else {
      so->touch("curve");
      if (sc.kind == ScheduleKind::curve) so->fail("kind", "the curve schedule needs curve = \"FILE.csv\" (lines t,E_b)");
    }
    if (sc.kind == ScheduleKind::switched && sc.period < 10 * r.dt())
      so->fail("period", fmt::format("a switching period must span at least 10 steps (dt = {:g})", r.dt()));
  }
  if (s.memory.model == memory::Model::device) {
    // A device has no barrier to schedule: the run asks for the SGD step at the rate eta.
    if (so && sc.kind != ScheduleKind::fixed) so->fail("kind", "a device memory has no barrier: use kind = \"static\" or no [schedule]");
    sc.kind = ScheduleKind::fixed;
    const long long per_step = r.batch > 0 && r.batch < s.model->train_size() ? r.batch : s.model->train_size();
    s.memory.device.reads_per_step = 2.0 * static_cast<double>(std::max<long long>(1, per_step));
  }
  check_memory(s, memory_table ? &*memory_table : nullptr, so ? &*so : nullptr);
  config.finish_all();
  return s;
}

TrainSetup theory_reference_setup(long long n, ScheduleKind kind) {
  TrainSetup s;
  s.model = make_quadratic(n, {1.0}, {0.0});
  s.data_source = "synthetic quadratic";
  s.init_mean = 128;
  s.init_sd = 10;
  s.memory.mobility0 = 1000;
  s.memory.offset = -64;  // walls at -64 and 192 levels: the optimum 0 and m_0 + 3 sigma inside
  s.run.eta = 1;
  s.run.time = 10;
  s.run.target_error = 0.25;
  s.schedule.kind = kind;
  return s;
}

}  // namespace limen::learn
