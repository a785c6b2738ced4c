#include "limen/learn/data.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <cmath>
#include <numeric>
#include <sstream>

#include "limen/physics/philox.hpp"
#include "limen/units/error.hpp"

namespace limen::learn {

std::string read_maybe_gz(const std::string& path, const std::string& where) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) throw InputError(fmt::format("{}: cannot open the file '{}'", where, path));
  std::string out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  const bool bad = n < 0;
  gzclose(f);
  if (bad) throw InputError(fmt::format("{}: cannot read the file '{}' (corrupt gzip?)", where, path));
  return out;
}

Dataset load_csv(const std::string& path, int label_column, bool classification, const std::string& where, bool every_class) {
  const std::string text = read_maybe_gz(path, where);
  std::istringstream in(text);
  std::vector<std::vector<double>> rows;
  std::vector<int> row_line;  // the file line of each row, for messages
  std::string line;
  int lineno = 0;
  size_t width = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    std::vector<double> row;
    std::istringstream cells(line);
    std::string cell;
    bool numeric = true;
    while (std::getline(cells, cell, ',')) {
      char* end = nullptr;
      const double v = std::strtod(cell.c_str(), &end);
      if (end == cell.c_str() || !std::isfinite(v) || (*end && std::string(end).find_first_not_of(" \t") != std::string::npos)) {
        numeric = false;
        break;
      }
      row.push_back(v);
    }
    if (!numeric) {
      if (rows.empty() && lineno == 1) continue;  // header
      throw InputError(fmt::format("{}:{}: not a number in the CSV (from {})", path, lineno, where));
    }
    if (width == 0) width = row.size();
    if (row.size() != width || width < 2)
      throw InputError(fmt::format("{}:{}: expected {} columns (at least 2), got {}", path, lineno, width, row.size()));
    rows.push_back(std::move(row));
    row_line.push_back(lineno);
  }
  if (rows.empty()) throw InputError(fmt::format("{}: '{}' holds no samples", where, path));
  const int w = static_cast<int>(width);
  const int col = label_column < 0 ? w + label_column : label_column;
  if (col < 0 || col >= w)
    throw InputError(fmt::format("{}: label_column {} outside the {} columns of '{}'", where, label_column, w, path));
  Dataset d;
  d.x.resize(static_cast<long>(rows.size()), w - 1);
  d.y.resize(static_cast<long>(rows.size()));
  for (size_t r = 0; r < rows.size(); ++r) {
    int j = 0;
    for (int c = 0; c < w; ++c)
      if (c == col) d.y[r] = rows[r][c];
      else d.x(static_cast<long>(r), j++) = rows[r][c];
  }
  if (classification) {
    for (long r = 0; r < d.y.size(); ++r) {
      const double v = d.y[r];
      if (v < 0 || v != std::floor(v) || v > 1e6)
        throw InputError(fmt::format("{}:{}: a class label must be an integer in [0, 1e6], got {:g} (from {})", path,
                                     row_line[static_cast<size_t>(r)], v, where));
      d.classes = std::max(d.classes, static_cast<int>(v) + 1);
    }
    if (d.classes < 2) throw InputError(fmt::format("{}: '{}' holds fewer than 2 classes", where, path));
    // Labels are the classes 0..K-1: a class no sample has means a stray label (a 99 among 0..9
    // would silently make a 100-class problem), so name the line of the largest one.
    std::vector<char> seen(static_cast<size_t>(d.classes), 0);
    for (long r = 0; r < d.y.size(); ++r) seen[static_cast<size_t>(d.y[r])] = 1;
    const auto missing = static_cast<size_t>(std::count(seen.begin(), seen.end(), 0));
    if (every_class && missing > 0) {
      long top = 0;
      for (long r = 1; r < d.y.size(); ++r)
        if (d.y[r] > d.y[top]) top = r;
      throw InputError(fmt::format("{}:{}: label {:g} makes {} classes, but {} of the labels 0..{} have no sample: class "
                                   "labels must be 0..K-1 with every class present (from {})", path,
                                   row_line[static_cast<size_t>(top)], d.y[top], d.classes, missing, d.classes - 1, where));
    }
  }
  return d;
}

namespace {
struct IdxArray {
  std::vector<long long> dims;
  std::vector<double> data;
};

IdxArray parse_idx(const std::string& path, const std::string& where) {
  const std::string b = read_maybe_gz(path, where);
  const auto fail = [&](const std::string& why) -> void { throw InputError(fmt::format("{}: '{}' is not an IDX file: {}", where, path, why)); };
  if (b.size() < 4) fail("shorter than its 4-byte magic number");
  const auto u8 = [&](size_t i) { return static_cast<unsigned char>(b[i]); };
  if (u8(0) != 0 || u8(1) != 0) fail("the magic number must start with two zero bytes");
  const int type = u8(2), nd = u8(3);
  int size = 0;
  switch (type) {
    case 0x08: case 0x09: size = 1; break;
    case 0x0B: size = 2; break;
    case 0x0C: case 0x0D: size = 4; break;
    case 0x0E: size = 8; break;
    default: fail(fmt::format("unknown data type 0x{:02X}", type));
  }
  if (nd < 1) fail("zero dimensions");
  if (b.size() < 4 + 4 * static_cast<size_t>(nd)) fail("truncated header");
  IdxArray a;
  long long count = 1;
  for (int i = 0; i < nd; ++i) {
    const size_t o = 4 + 4 * i;
    const long long d = (static_cast<long long>(u8(o)) << 24) | (u8(o + 1) << 16) | (u8(o + 2) << 8) | u8(o + 3);
    if (d <= 0) fail("a zero dimension");
    a.dims.push_back(d);
    if (count > (1LL << 34) / d) fail("too large");  // checked before multiplying: no overflow (fuzz_idx)
    count *= d;
  }
  const size_t off = 4 + 4 * static_cast<size_t>(nd);
  if (b.size() != off + static_cast<size_t>(count) * size)
    fail(fmt::format("expected {} bytes of data, found {}", count * size, b.size() - off));
  a.data.resize(static_cast<size_t>(count));
  for (long long i = 0; i < count; ++i) {
    const size_t p = off + static_cast<size_t>(i) * size;
    uint64_t raw = 0;
    for (int k = 0; k < size; ++k) raw = (raw << 8) | u8(p + k);
    double v;
    switch (type) {
      case 0x08: v = static_cast<double>(raw); break;
      case 0x09: v = static_cast<double>(static_cast<int8_t>(raw)); break;
      case 0x0B: v = static_cast<double>(static_cast<int16_t>(raw)); break;
      case 0x0C: v = static_cast<double>(static_cast<int32_t>(raw)); break;
      case 0x0D: { uint32_t r32 = static_cast<uint32_t>(raw); float fv; std::memcpy(&fv, &r32, 4); v = fv; break; }
      default: { double dv; std::memcpy(&dv, &raw, 8); v = dv; break; }
    }
    if (!std::isfinite(v)) fail(fmt::format("element {} is not finite", i));
    a.data[static_cast<size_t>(i)] = v;
  }
  return a;
}
}  // namespace

Dataset load_idx(const std::string& images, const std::string& labels, const std::string& where,
                 const std::string& labels_where_in) {
  const std::string& labels_where = labels_where_in.empty() ? where : labels_where_in;
  const IdxArray im = parse_idx(images, where), lb = parse_idx(labels, labels_where);
  if (lb.dims.size() != 1) throw InputError(fmt::format("{}: the labels file '{}' must be 1-dimensional", labels_where, labels));
  if (im.dims[0] != lb.dims[0])
    throw InputError(fmt::format("{}: {} images but {} labels", where, im.dims[0], lb.dims[0]));
  const long long n = im.dims[0];
  const long long f = static_cast<long long>(im.data.size()) / n;
  Dataset d;
  d.x.resize(n, f);
  d.y.resize(n);
  for (long long i = 0; i < n; ++i) {
    for (long long j = 0; j < f; ++j) d.x(i, j) = im.data[static_cast<size_t>(i * f + j)];
    const double v = lb.data[static_cast<size_t>(i)];
    if (v < 0 || v != std::floor(v) || v > 1e6)  // the CSV reader's limit; int(v) + 1 must not overflow
      throw InputError(fmt::format("{}: label {} of '{}' is not a class index in [0, 1000000]", labels_where, i, labels));
    d.y[i] = v;
    d.classes = std::max(d.classes, static_cast<int>(v) + 1);
  }
  if (d.classes < 2) throw InputError(fmt::format("{}: '{}' holds fewer than 2 classes", where, labels));
  return d;
}

Dataset load_digits() {
  const std::string path = std::string(LIMEN_DATA_DIR) + "/datasets/digits.csv.gz";
  Dataset d = load_csv(path, -1, true, "digits");
  if (d.size() != 1797 || d.features() != 64 || d.classes != 10)
    throw InputError(fmt::format("digits: '{}' should hold 1797 samples of 64 pixels in 10 classes", path));
  return d;
}

Dataset synthetic_regression(long long samples, long long features, double noise, uint64_t seed) {
  Dataset d;
  d.x.resize(samples, features);
  d.y.resize(samples);
  Eigen::VectorXd w(features);
  for (long long j = 0; j < features; ++j) w[j] = physics::normals4(seed, static_cast<uint64_t>(j), 0, 5)[0];
  for (long long i = 0; i < samples; ++i) {
    for (long long j = 0; j < features; ++j) d.x(i, j) = physics::normals4(seed, static_cast<uint64_t>(i), static_cast<uint64_t>(j), 6)[0];
    d.y[i] = d.x.row(i).dot(w) + noise * physics::normals4(seed, static_cast<uint64_t>(i), 0, 7)[0];
  }
  return d;
}

Dataset synthetic_classification(long long samples, long long features, int classes, double separation, uint64_t seed) {
  Dataset d;
  d.classes = classes;
  d.x.resize(samples, features);
  d.y.resize(samples);
  Eigen::MatrixXd centre(classes, features);
  for (int c = 0; c < classes; ++c)
    for (long long j = 0; j < features; ++j)
      centre(c, j) = separation * physics::normals4(seed, static_cast<uint64_t>(c), static_cast<uint64_t>(j), 8)[0];
  for (long long i = 0; i < samples; ++i) {
    const int c = static_cast<int>(i % classes);
    d.y[i] = c;
    for (long long j = 0; j < features; ++j)
      d.x(i, j) = centre(c, j) + physics::normals4(seed, static_cast<uint64_t>(i), static_cast<uint64_t>(j), 9)[0];
  }
  return d;
}

Split split_dataset(const Dataset& all, double test_fraction, uint64_t seed) {
  const long long n = all.size();
  std::vector<long long> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  std::vector<double> key(static_cast<size_t>(n));
  for (long long i = 0; i < n; ++i) key[static_cast<size_t>(i)] = physics::uniforms4(seed, static_cast<uint64_t>(i), 0, 3)[0];
  std::stable_sort(order.begin(), order.end(), [&](long long a, long long b) { return key[a] < key[b]; });
  const long long n_test = std::llround(test_fraction * static_cast<double>(n));
  Split s;
  const auto take = [&](Dataset& d, long long from, long long to) {
    d.classes = all.classes;
    d.x.resize(to - from, all.features());
    d.y.resize(to - from);
    for (long long i = from; i < to; ++i) {
      d.x.row(i - from) = all.x.row(order[static_cast<size_t>(i)]);
      d.y[i - from] = all.y[order[static_cast<size_t>(i)]];
    }
  };
  take(s.test, 0, n_test);
  take(s.train, n_test, n);
  return s;
}

void normalize(Split& s, const std::string& how) {
  if (how == "none") return;
  const long long f = s.train.features();
  for (long long j = 0; j < f; ++j) {
    double shift = 0, scale = 1;
    if (how == "max") {
      const double m = s.train.x.col(j).cwiseAbs().maxCoeff();
      scale = m > 0 ? m : 1;
    } else {
      shift = s.train.x.col(j).mean();
      const double var = (s.train.x.col(j).array() - shift).square().mean();
      scale = var > 0 ? std::sqrt(var) : 1;
    }
    s.train.x.col(j) = (s.train.x.col(j).array() - shift) / scale;
    if (s.test.size() > 0) s.test.x.col(j) = (s.test.x.col(j).array() - shift) / scale;
  }
}

}  // namespace limen::learn
