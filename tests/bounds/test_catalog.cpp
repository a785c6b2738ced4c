// Catalog loading: the shipped files load, every entry has a source, and bad entries are
// rejected at load with file:line.
#include <gtest/gtest.h>

#include "limen/catalog/catalog.hpp"

using namespace limen;

namespace {
std::string load_error(const std::string& text) {
  Catalog c;
  try {
    c.load_text(text, "user.toml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(Catalog, BuiltinHasTheorySection8) {
  const Catalog c = Catalog::builtin();
  for (const char* m : {"gpt-3", "chinchilla", "palm", "llama-2-70b", "llama-3.1-405b", "bloom", "resnet-50", "brain-scale"})
    EXPECT_NO_THROW(c.model(m)) << m;
  for (const char* h : {"v100", "a100", "h100", "b200"}) EXPECT_NO_THROW(c.chip(h)) << h;
  for (const char* m : {"sram", "dram", "nand", "rram", "pcm", "fefet"}) EXPECT_NO_THROW(c.memory(m)) << m;
  EXPECT_NO_THROW(c.node("45nm"));
  EXPECT_EQ(c.chip("h100").board_power_W, 700);
  EXPECT_EQ(c.chip("h100").peak_at("bf16"), 989e12);
  EXPECT_EQ(*c.model("gpt-3").spec.flops, 3.14e23);
  EXPECT_EQ(c.node("45nm").mul.at("fp32"), 3.7e-12);
  for (const auto& [n, m] : c.models()) EXPECT_GT(m.source.size(), 10u) << n;
}

TEST(Catalog, RejectsMissingSource) {
  const std::string e = load_error("[accelerator.x1]\nboard_power_W = 100\ntraining_precision = \"bf16\"\npeak = { bf16 = 1e14 }\n");
  EXPECT_NE(e.find("user.toml:1"), std::string::npos) << e;
  EXPECT_NE(e.find("source"), std::string::npos) << e;
}

TEST(Catalog, RejectsImpossibleNumbers) {
  const std::string e1 = load_error("[accelerator.x1]\nboard_power_W = -5\ntraining_precision = \"bf16\"\npeak = { bf16 = 1e14 }\nsource = \"my notes\"\n");
  EXPECT_NE(e1.find("user.toml:2"), std::string::npos) << e1;
  EXPECT_NE(e1.find("board_power_W"), std::string::npos) << e1;
  const std::string e2 = load_error("[workload.w]\nparams = 1e9\ntokens = 1e9\nflops = 10\nsource = \"my notes\"\n");
  EXPECT_NE(e2.find("user.toml:4"), std::string::npos) << e2;
  EXPECT_NE(e2.find("impossible"), std::string::npos) << e2;
  const std::string e3 = load_error("[memory.m]\nvolatile = false\nretention_s = 0\nwrite_energy_per_bit = 1e-12\nwrite_time_s = 1e-8\nsource = \"my notes\"\n");
  EXPECT_NE(e3.find("user.toml:3"), std::string::npos) << e3;
  const std::string e4 = load_error("[workload.w]\nparams = 1e9\ntokens = 1e9\nsource = \"my notes\"\nbatsh = 4\n");
  EXPECT_NE(e4.find("did you mean 'batch'"), std::string::npos) << e4;
  const std::string e5 = load_error("[node.n]\nadd = { fp32 = nan }\nsource = \"my notes\"\n");
  EXPECT_NE(e5.find("user.toml:2"), std::string::npos) << e5;
}

TEST(Catalog, UserEntriesAddAndReplace) {
  Catalog c = Catalog::builtin();
  c.load_text("[accelerator.tpu]\ndescription = \"x\"\nboard_power_W = 200\ntraining_precision = \"bf16\"\n"
              "peak = { bf16 = 2.75e14 }\nsource = \"vendor sheet\"\n", "user.toml");
  EXPECT_EQ(c.chip("tpu").peak_at("bf16"), 2.75e14);
  EXPECT_THROW(c.model("gtp-3"), InputError);
}
