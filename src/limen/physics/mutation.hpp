#pragma once
// Deliberate defects for the mutation tests of the validation suite (issue 9; THEORY §7: "a
// check must be able to fail"). Each field breaks one thing a check guards; the default is the
// engine as it is. The engine options carry one (Dynamics::mutation, FokkerPlanck::Options::
// mutation), set only by the tests through physics::run_checks: no config key or flag reaches it
// and nothing of it appears in any output.
namespace limen::physics {

struct Mutation {
  double noise_scale = 1.0;     // the thermal kick x this (Fokker-Planck: D x this^2)
  double drift_gamma = 0.0;     // > 0: the Langevin drift uses mobility 1 / drift_gamma, the noise the configured one
  double mobility_scale = 1.0;  // mobility of drift and noise x this (1e-6: frozen dynamics)
  bool drop_jump_work = false;  // Langevin: the work of the protocol jump at t = 0 is not counted
  bool energy_before_move = false;  // Langevin: the ledger (heat, work, U) is evaluated before each move:
                                    // self-consistent, W - Q = its own dU, but one step behind the particle
  bool fixed_fp_grid = false;   // Fokker-Planck: the grid neither follows the density nor refuses
  long fp_shift_cells = 0;      // Fokker-Planck: when the grid moves, the density lands this many cells off
};

}  // namespace limen::physics
