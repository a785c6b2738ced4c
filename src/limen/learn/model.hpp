#pragma once
// The models trained in simulated memories: a synthetic quadratic loss with chosen curvatures
// lambda_i and optimum w_i* (THEORY §5's exactly solvable case), linear regression (quadratic
// loss), softmax regression and a one-hidden-layer MLP (tanh). Parameters are one flat vector;
// each entry is a particle of the memory.
#include <Eigen/Dense>

#include <memory>
#include <string>
#include <vector>

#include "limen/learn/data.hpp"
#include "limen/learn/moments.hpp"

namespace limen::learn {

using Vec = Eigen::VectorXd;

class Model {
 public:
  virtual ~Model() = default;
  virtual std::string kind() const = 0;
  virtual long long size() const = 0;              // N, the trained parameters
  virtual long long train_size() const { return 0; }  // training samples (0: no data)
  // Loss on the training samples `batch` (empty: all of them); writes the gradient if grad != nullptr.
  virtual double loss(const Vec& w, const std::vector<int>& batch, Vec* grad) const = 0;
  // The test metric: accuracy (classification), test mean-square error (regression), or for the
  // synthetic quadratic the mean square distance to the optimum, mean_i (w_i - w_i*)^2.
  virtual double test_metric(const Vec& w) const = 0;
  virtual std::string metric_name() const = 0;
  virtual bool classification() const { return false; }
  // For the synthetic quadratic: its (curvature, optimum) groups for the exact moment ODEs.
  // For quadratic losses (the synthetic quadratic; linear regression in the eigenbasis of its
  // Hessian): the directions for the exact moment ODEs, and the loss at the optimum.
  virtual const std::vector<QuadraticGroup>* quadratic_groups() const { return nullptr; }
  virtual double quadratic_floor() const { return 0; }
  // The diagonal of the Hessian of L_B, d2L/dw_i2, into `out` (THEORY §5.3's condition: the force
  // changes by less than kT/l across a level); false when the model does not provide it.
  virtual bool diag_curvature(const Vec& w, const std::vector<int>& batch, Vec& out) const { return false; }
  // Parameters with the same class are statistically identical (same curvature and optimum of the
  // synthetic quadratic), so densities may be pooled across them (THEORY §5.8); default: none are.
  virtual long long identical_class(long long i) const { return i; }
};

// Synthetic quadratic L = sum_i lambda_i (w_i - w_i*)^2 / 2; curvatures and optima are cycled
// over the N parameters.
std::unique_ptr<Model> make_quadratic(long long n, std::vector<double> curvatures, std::vector<double> optima);
std::unique_ptr<Model> make_linear_regression(Split data);               // L = mean (x.w + b - y)^2 / 2
std::unique_ptr<Model> make_softmax(Split data);                         // mean cross-entropy
std::unique_ptr<Model> make_mlp(Split data, int hidden);                 // tanh hidden layer

}  // namespace limen::learn
