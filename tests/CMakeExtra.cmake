# Extra tests of the researcher's workflow (issue 5), registered with ctest:
#   sweep_mpi          - examples/sweep-*.toml byte-identical on 1 and 2 MPI ranks; a killed
#                        2-rank sweep resumes to the same bytes (tests/sweep/mpi_sweep.sh)
#   python_module      - the pytest suite of tests/python (the module's answers equal the CLI's)
#   report_screenshot  - `limen report` rendered by headless Chromium is not blank
#                        (report_screenshot_cnn: the same with --cnn)
# OpenMPI runs as root here only with OMPI_ALLOW_RUN_AS_ROOT(_CONFIRM); the script sets them.
find_program(LIMEN_MPIRUN NAMES mpirun mpiexec)
if(TARGET MPI::MPI_CXX AND LIMEN_MPIRUN)
  add_test(NAME sweep_mpi
           COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/sweep/mpi_sweep.sh $<TARGET_FILE:limen_cli> ${LIMEN_MPIRUN}
                   ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/sweep_mpi_work)
  set_tests_properties(sweep_mpi PROPERTIES LABELS "sweep;mpi" TIMEOUT 300)
endif()

# Debian's interpreter: it sees python3-numpy, python3-matplotlib and python3-pytest.
# (python/ is configured after tests/, so read the same variables python/CMakeLists.txt reads.)
if(Python_EXECUTABLE)
  set(_limen_py ${Python_EXECUTABLE})
elseif(Python3_EXECUTABLE)
  set(_limen_py ${Python3_EXECUTABLE})
elseif(PYTHON_EXECUTABLE)
  set(_limen_py ${PYTHON_EXECUTABLE})
elseif(EXISTS /usr/bin/python3)
  set(_limen_py /usr/bin/python3)
else()
  find_program(_limen_py python3)
endif()

if(LIMEN_BUILD_PYTHON AND EXISTS ${PROJECT_SOURCE_DIR}/python/CMakeLists.txt)
  add_test(NAME python_module
           COMMAND ${_limen_py} -m pytest -q -p no:cacheprovider ${CMAKE_CURRENT_SOURCE_DIR}/python)
  if(LIMEN_HEAVY_TESTS)
    set(_heavy 1)
  else()
    set(_heavy 0)
  endif()
  set_tests_properties(python_module PROPERTIES LABELS python TIMEOUT 600
    ENVIRONMENT "PYTHONPATH=${PROJECT_BINARY_DIR}/python;LIMEN_CLI=$<TARGET_FILE:limen_cli>;LIMEN_SOURCE_DIR=${PROJECT_SOURCE_DIR};LIMEN_HEAVY_TESTS=${_heavy}")
endif()

# Debian's chromium (scripts/setup.sh installs it).
find_program(LIMEN_CHROMIUM NAMES chromium chromium-browser)
if(NOT LIMEN_CHROMIUM)
  set(LIMEN_CHROMIUM /usr/bin/chromium)
endif()
add_test(NAME report_screenshot
         COMMAND ${_limen_py} ${CMAKE_CURRENT_SOURCE_DIR}/python/report_screenshot.py $<TARGET_FILE:limen_cli>
                 ${LIMEN_CHROMIUM} ${CMAKE_CURRENT_BINARY_DIR}/report_screenshot_work)
set_tests_properties(report_screenshot PROPERTIES LABELS report TIMEOUT 300
  ENVIRONMENT "LIMEN_PYTHON=${_limen_py}")
# The CNN device comparison (issue 11) on the page: tests/python/data/cnn_devices.json is the
# output of examples/torch/cnn_devices.py (README "The PyTorch bridge").
add_test(NAME report_screenshot_cnn
         COMMAND ${_limen_py} ${CMAKE_CURRENT_SOURCE_DIR}/python/report_screenshot.py $<TARGET_FILE:limen_cli>
                 ${LIMEN_CHROMIUM} ${CMAKE_CURRENT_BINARY_DIR}/report_screenshot_cnn_work
                 --validation none --cnn ${CMAKE_CURRENT_SOURCE_DIR}/python/data/cnn_devices.json)
set_tests_properties(report_screenshot_cnn PROPERTIES LABELS report TIMEOUT 300
  ENVIRONMENT "LIMEN_PYTHON=${_limen_py}")

# Every line of the README's five-minute tour, as written, in a clean temporary directory (issue
# 10): for whoever runs it, root or not. About 40 s on two cores.
add_test(NAME readme_tour
         COMMAND ${_limen_py} ${CMAKE_CURRENT_SOURCE_DIR}/cli/readme_tour.py ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}
                 ${CMAKE_CURRENT_BINARY_DIR}/readme_tour_work)
set_tests_properties(readme_tour PROPERTIES LABELS readme TIMEOUT 300)
