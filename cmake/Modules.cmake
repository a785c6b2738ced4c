# The library's modules and what each depends on. A module exists once its folder has sources.
limen_module(units DEPS fmt::fmt)
limen_module(io DEPS limen_units nlohmann_json::nlohmann_json tomlplusplus::tomlplusplus fmt::fmt)
limen_module(workload DEPS limen_io)
limen_module(catalog DEPS limen_workload)
limen_module(bounds DEPS limen_catalog)
limen_module(physics DEPS limen_io Threads::Threads)
limen_module(learn DEPS limen_physics limen_bounds)
