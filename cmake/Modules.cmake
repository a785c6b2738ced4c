# The library's modules and what each depends on (one folder of src/limen each).
# Data flows one way: units/io -> workload -> catalog -> bounds; io -> physics -> memory -> learn -> sweep.
find_package(Eigen3 3.3 REQUIRED NO_MODULE)  # learn: the models' linear algebra
find_package(ZLIB REQUIRED)                  # learn: gzipped datasets (digits.csv.gz, IDX .gz)
if(LIMEN_WITH_MPI)
  find_package(MPI COMPONENTS CXX)           # sweep: points split across ranks
endif()

limen_module(units DEPS fmt::fmt)
limen_module(io DEPS limen_units nlohmann_json::nlohmann_json tomlplusplus::tomlplusplus fmt::fmt)
limen_module(workload DEPS limen_io)
limen_module(catalog DEPS limen_workload)
limen_module(bounds DEPS limen_catalog)
limen_module(physics DEPS limen_io Threads::Threads)
limen_module(memory DEPS limen_physics)
limen_module(learn DEPS limen_memory limen_physics limen_bounds Eigen3::Eigen ZLIB::ZLIB)
if(MPI_CXX_FOUND)
  limen_module(sweep DEPS limen_bounds limen_physics limen_learn MPI::MPI_CXX DEFS LIMEN_HAVE_MPI=1)
else()
  limen_module(sweep DEPS limen_bounds limen_physics limen_learn)
endif()
