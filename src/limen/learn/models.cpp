#include "limen/learn/model.hpp"

#include <atomic>
#include <cmath>
#include <map>

namespace limen::learn {
namespace {

using Mat = Eigen::MatrixXd;

// Rows of `x` picked by `batch` (all rows when empty), without copying in the full case. A step
// evaluates the same minibatch two or three times (at w_n, at w_{n+1}, its curvature), so the
// last rows picked are kept per thread and reused when the dataset and the indices are the same.
// Every model's dataset gets a process-unique id (an address may be reused by a later dataset).
uint64_t next_data_id() {
  static std::atomic<uint64_t> next{1};
  return next++;
}

// by_column false: rows of x (samples as rows); true: columns of x^T (samples as columns, each
// sample contiguous).
template <bool by_column>
struct Picked {
  const Mat* x;
  const Eigen::VectorXd* y;
  Picked(const Mat& all, const Eigen::VectorXd& all_y, uint64_t data_id, const std::vector<int>& batch) {
    if (batch.empty()) {
      x = &all;
      y = &all_y;
      return;
    }
    struct Cache {
      uint64_t data = 0;
      std::vector<int> batch;
      Mat picked;
      Eigen::VectorXd y;
    };
    thread_local Cache cache;
    if (cache.data != data_id || cache.batch != batch) {
      cache.data = data_id;
      cache.batch = batch;
      const long b = static_cast<long>(batch.size());
      cache.picked.resize(by_column ? all.rows() : b, by_column ? b : all.cols());
      cache.y.resize(b);
      for (long i = 0; i < b; ++i) {
        const int k = batch[static_cast<size_t>(i)];
        if constexpr (by_column) cache.picked.col(i) = all.col(k);
        else cache.picked.row(i) = all.row(k);
        cache.y[i] = all_y[k];
      }
    }
    x = &cache.picked;
    y = &cache.y;
  }
};
// Rows of a dataset (samples as rows), and columns of a transposed one.
struct Rows : Picked<false> {
  Rows(const Dataset& d, uint64_t data_id, const std::vector<int>& batch) : Picked(d.x, d.y, data_id, batch) {}
};
using Columns = Picked<true>;

class Quadratic final : public Model {
 public:
  Quadratic(long long n, std::vector<double> lam, std::vector<double> opt) : lam_(n), opt_(n), class_(static_cast<size_t>(n)) {
    std::map<std::pair<double, double>, long long> count;
    for (long long i = 0; i < n; ++i) {
      lam_[i] = lam[static_cast<size_t>(i) % lam.size()];
      opt_[i] = opt[static_cast<size_t>(i) % opt.size()];
      ++count[{lam_[i], opt_[i]}];
    }
    std::map<std::pair<double, double>, long long> index;
    for (const auto& [k, c] : count) {
      index[k] = static_cast<long long>(groups_.size());
      groups_.push_back({k.first, k.second, c});
    }
    for (long long i = 0; i < n; ++i) class_[static_cast<size_t>(i)] = index[{lam_[i], opt_[i]}];
  }
  bool diag_curvature(const Vec&, const std::vector<int>&, Vec& out) const override {
    out = lam_;
    return true;
  }
  long long identical_class(long long i) const override { return class_[static_cast<size_t>(i)]; }
  std::string kind() const override { return "quadratic"; }
  long long size() const override { return lam_.size(); }
  double loss(const Vec& w, const std::vector<int>&, Vec* grad) const override {
    const Vec d = w - opt_;
    if (grad) *grad = lam_.cwiseProduct(d);
    return 0.5 * lam_.dot(d.cwiseProduct(d));
  }
  double test_metric(const Vec& w) const override { return (w - opt_).squaredNorm() / static_cast<double>(size()); }
  std::string metric_name() const override { return "mean_sq_error"; }
  const std::vector<QuadraticGroup>* quadratic_groups() const override { return &groups_; }

 private:
  Vec lam_, opt_;
  std::vector<long long> class_;
  std::vector<QuadraticGroup> groups_;
};

class Linear final : public Model {
 public:
  // L(theta) = |Z theta - y|^2 / (2n) with Z = [X 1] is quadratic: Hessian H = Z^T Z / n,
  // optimum theta* = H^+ Z^T y / n. In the eigenbasis H = Q Lambda Q^T the directions decouple
  // (the thermal noise and the initial density are isotropic), giving the moment-ODE groups.
  explicit Linear(Split s) : s_(std::move(s)) {
    const long long f = s_.train.features(), n = s_.train.size();
    Mat z(n, f + 1);
    z << s_.train.x, Vec::Ones(n);
    const Mat h = z.transpose() * z / static_cast<double>(n);
    const Vec zy = z.transpose() * s_.train.y / static_cast<double>(n);
    const Eigen::SelfAdjointEigenSolver<Mat> eig(h);
    const Mat& q = eig.eigenvectors();
    const Vec& lam = eig.eigenvalues();
    const double tol = 1e-12 * std::max(1.0, lam.maxCoeff());
    Vec u_star(f + 1);
    const Vec qzy = q.transpose() * zy;
    for (long long k = 0; k <= f; ++k) {
      const double l = lam[k] > tol ? lam[k] : 0.0;
      u_star[k] = l > 0 ? qzy[k] / l : 0.0;
      groups_.push_back({l, u_star[k], 1, q.col(k).sum()});
    }
    floor_ = loss(q * u_star, {}, nullptr);
  }
  const std::vector<QuadraticGroup>* quadratic_groups() const override { return &groups_; }
  double quadratic_floor() const override { return floor_; }
  std::string kind() const override { return "linear"; }
  long long size() const override { return s_.train.features() + 1; }
  long long train_size() const override { return s_.train.size(); }
  double loss(const Vec& w, const std::vector<int>& batch, Vec* grad) const override {
    const Rows r(s_.train, data_id_, batch);
    const long long f = s_.train.features();
    const Vec res = (*r.x) * w.head(f) + Vec::Constant(r.y->size(), w[f]) - *r.y;
    const double n = static_cast<double>(r.y->size());
    if (grad) {
      grad->resize(size());
      grad->head(f) = r.x->transpose() * res / n;
      (*grad)[f] = res.sum() / n;
    }
    return 0.5 * res.squaredNorm() / n;
  }
  double test_metric(const Vec& w) const override {
    const long long f = s_.test.features();
    const Vec res = s_.test.x * w.head(f) + Vec::Constant(s_.test.size(), w[f]) - s_.test.y;
    return res.squaredNorm() / static_cast<double>(s_.test.size());
  }
  std::string metric_name() const override { return "test_mse"; }
  // d2L/dw_j2 = mean x_j^2 (weights), 1 (bias).
  bool diag_curvature(const Vec&, const std::vector<int>& batch, Vec& out) const override {
    const Rows r(s_.train, data_id_, batch);
    out.resize(size());
    out.head(s_.train.features()) = r.x->array().square().colwise().mean().transpose();
    out[s_.train.features()] = 1;
    return true;
  }

 private:
  Split s_;
  uint64_t data_id_ = next_data_id();
  std::vector<QuadraticGroup> groups_;
  double floor_ = 0;
};

// Softmax cross-entropy of logits z (rows: samples) against labels y; writes dL/dz into dz.
double cross_entropy(const Mat& z, const Eigen::VectorXd& y, Mat* dz) {
  const long n = z.rows();
  double total = 0;
  if (dz) dz->resize(z.rows(), z.cols());
  for (long i = 0; i < n; ++i) {
    const double m = z.row(i).maxCoeff();
    thread_local Eigen::RowVectorXd e;  // no allocation per row
    e = (z.row(i).array() - m).exp();
    const double s = e.sum();
    const int c = static_cast<int>(y[i]);
    total += std::log(s) + m - z(i, c);
    if (dz) {
      dz->row(i) = e / s;
      (*dz)(i, c) -= 1;
    }
  }
  if (dz) *dz /= static_cast<double>(n);
  return total / static_cast<double>(n);
}

// The same with samples as columns (z^T: classes x samples); with `grad`, z^T is overwritten by dL/dz^T.
double cross_entropy_t(Mat& zt, const Eigen::VectorXd& y, bool grad) {
  const long n = zt.cols(), c = zt.rows();
  double total = 0;
  const double inv_n = 1.0 / static_cast<double>(n);
  for (long i = 0; i < n; ++i) {
    double* z = zt.col(i).data();
    const int k = static_cast<int>(y[i]);
    double m = z[0];
    for (long j = 1; j < c; ++j) m = std::max(m, z[j]);
    const double zk = z[k];
    auto e = zt.col(i).array();
    e = (e - m).exp();
    const double s = e.sum();
    total += std::log(s) + m - zk;
    if (grad) {
      e *= inv_n / s;
      z[k] -= inv_n;
    }
  }
  return total * inv_n;
}

double accuracy_t(const Mat& zt, const Eigen::VectorXd& y) {
  long right = 0;
  for (long i = 0; i < zt.cols(); ++i) {
    Eigen::Index c;
    zt.col(i).maxCoeff(&c);
    right += (c == static_cast<Eigen::Index>(y[i]));
  }
  return static_cast<double>(right) / static_cast<double>(zt.cols());
}

double accuracy(const Mat& z, const Eigen::VectorXd& y) {
  long right = 0;
  for (long i = 0; i < z.rows(); ++i) {
    Eigen::Index c;
    z.row(i).maxCoeff(&c);
    right += (c == static_cast<Eigen::Index>(y[i]));
  }
  return static_cast<double>(right) / static_cast<double>(z.rows());
}

// Softmax regression. The samples are kept as columns (x^T, features x samples), so a minibatch is
// a gather of contiguous columns and each sample's logits are contiguous: the same products as
// z = x W + b, laid out for the cache (README "training speed").
class Softmax final : public Model {
 public:
  explicit Softmax(Split s)
      : s_(std::move(s)), c_(s_.train.classes), f_(s_.train.features()), xt_(s_.train.x.transpose()),
        xt_test_(s_.test.x.transpose()) {}
  std::string kind() const override { return "softmax"; }
  long long size() const override { return c_ * f_ + c_; }
  long long train_size() const override { return s_.train.size(); }
  bool classification() const override { return true; }
  // z^T = W^T x^T + b (classes x samples).
  void logits_t(const Vec& w, const Mat& xt, Mat& zt) const {
    const Eigen::Map<const Mat> W(w.data(), f_, c_);  // column c: the weights of class c
    zt.noalias() = W.transpose() * xt;
    zt.colwise() += w.tail(c_);
  }
  double loss(const Vec& w, const std::vector<int>& batch, Vec* grad) const override {
    const Columns cols(xt_, s_.train.y, data_id_, batch);
    thread_local Mat zt;
    logits_t(w, *cols.x, zt);
    const double l = cross_entropy_t(zt, *cols.y, grad != nullptr);  // zt becomes dL/dz^T
    if (!grad) return l;
    grad->resize(size());
    Eigen::Map<Mat>(grad->data(), f_, c_).noalias() = *cols.x * zt.transpose();
    grad->tail(c_) = zt.rowwise().sum();
    return l;
  }
  double test_metric(const Vec& w) const override {
    thread_local Mat zt;
    logits_t(w, xt_test_, zt);
    return accuracy_t(zt, s_.test.y);
  }
  std::string metric_name() const override { return "test_accuracy"; }
  // d2L/dW_jc2 = mean_n p_nc (1 - p_nc) x_nj^2, d2L/db_c2 = mean_n p_nc (1 - p_nc).
  bool diag_curvature(const Vec& w, const std::vector<int>& batch, Vec& out) const override {
    const Columns cols(xt_, s_.train.y, data_id_, batch);
    Mat pt;
    logits_t(w, *cols.x, pt);
    for (long i = 0; i < pt.cols(); ++i) {
      pt.col(i).array() -= pt.col(i).maxCoeff();
      pt.col(i) = pt.col(i).array().exp().matrix();
      pt.col(i) /= pt.col(i).sum();
    }
    const Mat vt = (pt.array() * (1 - pt.array())).matrix() / static_cast<double>(pt.cols());
    out.resize(size());
    Eigen::Map<Mat>(out.data(), f_, c_) = cols.x->array().square().matrix() * vt.transpose();
    out.tail(c_) = vt.rowwise().sum();
    return true;
  }

 private:
  Split s_;
  uint64_t data_id_ = next_data_id();
  long long c_, f_;
  Mat xt_, xt_test_;
};

class Mlp final : public Model {
 public:
  Mlp(Split s, int hidden) : s_(std::move(s)), h_(hidden), f_(s_.train.features()) {
    out_ = s_.train.classes > 0 ? s_.train.classes : 1;
  }
  std::string kind() const override { return "mlp"; }
  long long size() const override { return f_ * h_ + h_ + h_ * out_ + out_; }
  long long train_size() const override { return s_.train.size(); }
  bool classification() const override { return s_.train.classes > 0; }
  // Layout: W1 (f x h, column-major), b1 (h), W2 (h x out), b2 (out).
  void forward(const Vec& w, const Mat& x, Mat& a, Mat& z) const {
    const Eigen::Map<const Mat> W1(w.data(), f_, h_), W2(w.data() + f_ * h_ + h_, h_, out_);
    a = ((x * W1).rowwise() + w.segment(f_ * h_, h_).transpose()).array().tanh().matrix();
    z = (a * W2).rowwise() + w.tail(out_).transpose();
  }
  double loss(const Vec& w, const std::vector<int>& batch, Vec* grad) const override {
    const Rows r(s_.train, data_id_, batch);
    Mat a, z, dz;
    forward(w, *r.x, a, z);
    double l;
    if (classification()) {
      l = cross_entropy(z, *r.y, grad ? &dz : nullptr);
    } else {
      const Eigen::VectorXd res = z.col(0) - *r.y;
      l = 0.5 * res.squaredNorm() / static_cast<double>(res.size());
      dz = res / static_cast<double>(res.size());
    }
    if (!grad) return l;
    const Eigen::Map<const Mat> W2(w.data() + f_ * h_ + h_, h_, out_);
    grad->resize(size());
    const Mat da = (dz * W2.transpose()).array() * (1 - a.array().square());
    Eigen::Map<Mat>(grad->data(), f_, h_) = r.x->transpose() * da;
    grad->segment(f_ * h_, h_) = da.colwise().sum().transpose();
    Eigen::Map<Mat>(grad->data() + f_ * h_ + h_, h_, out_) = a.transpose() * dz;
    grad->tail(out_) = dz.colwise().sum().transpose();
    return l;
  }
  double test_metric(const Vec& w) const override {
    Mat a, z;
    forward(w, s_.test.x, a, z);
    if (classification()) return accuracy(z, s_.test.y);
    return (z.col(0) - s_.test.y).squaredNorm() / static_cast<double>(s_.test.size());
  }
  std::string metric_name() const override { return classification() ? "test_accuracy" : "test_mse"; }

 private:
  Split s_;
  uint64_t data_id_ = next_data_id();
  long long h_, f_, out_;
};

}  // namespace

std::unique_ptr<Model> make_quadratic(long long n, std::vector<double> c, std::vector<double> o) {
  return std::make_unique<Quadratic>(n, std::move(c), std::move(o));
}
std::unique_ptr<Model> make_linear_regression(Split d) { return std::make_unique<Linear>(std::move(d)); }
std::unique_ptr<Model> make_softmax(Split d) { return std::make_unique<Softmax>(std::move(d)); }
std::unique_ptr<Model> make_mlp(Split d, int hidden) { return std::make_unique<Mlp>(std::move(d), hidden); }

}  // namespace limen::learn
