#pragma once
// Datasets for training: CSV, IDX (the MNIST format), built-in synthetic generators, and the UCI
// optical-digits set shipped in data/datasets/digits.csv.gz (see data/datasets/README.md).
#include <Eigen/Dense>

#include <cstdint>
#include <string>
#include <vector>

namespace limen::learn {

struct Dataset {
  Eigen::MatrixXd x;        // one sample per row
  Eigen::VectorXd y;        // class index (classification) or target (regression)
  int classes = 0;          // 0 for regression
  long long size() const { return x.rows(); }
  long long features() const { return x.cols(); }
};

struct Split {
  Dataset train, test;
  std::string source;  // for the summary
};

// Reads a whole file, transparently gunzipping .gz files. Throws InputError naming `where`.
std::string read_maybe_gz(const std::string& path, const std::string& where);

// Numeric CSV, one sample per line, the label/target in column `label_column` (negative counts
// from the end); a non-numeric first line is a header. Classification labels must be integers >= 0.
// every_class: the labels must be 0..K-1 with each class present (a training set; a separate
// test set may lack a class).
Dataset load_csv(const std::string& path, int label_column, bool classification, const std::string& where,
                 bool every_class = true);

// IDX files (LeCun's MNIST format: magic 0x0000TTDD, big-endian dimensions, then data of type TT):
// images with any number of dimensions >= 1 per sample, labels a 1D integer array.
// `labels_where` names the labels key in messages about the labels file ("" = `where`).
Dataset load_idx(const std::string& images, const std::string& labels, const std::string& where,
                 const std::string& labels_where = "");

// The UCI optical-digits data (1797 8x8 images, 10 classes, pixels 0..16).
Dataset load_digits();

// Synthetic generators (reproducible from `seed`): y = x.w_true + noise with x ~ N(0, 1);
// and `classes` Gaussian blobs with unit spread, centres N(0, separation^2) per feature.
Dataset synthetic_regression(long long samples, long long features, double noise, uint64_t seed);
Dataset synthetic_classification(long long samples, long long features, int classes, double separation, uint64_t seed);

// A fixed split: a permutation by sort on Philox uniforms keyed by `seed`, the first
// round(test_fraction * n) samples are the test set.
Split split_dataset(const Dataset& all, double test_fraction, uint64_t seed);

// Feature scaling fitted on the training set and applied to both: "none", "max" (divide each
// feature by the largest |x| of the training set) or "standard" (zero mean, unit variance).
void normalize(Split& split, const std::string& how);

}  // namespace limen::learn
