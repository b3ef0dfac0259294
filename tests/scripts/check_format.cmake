# Fails when a C++ file is not formatted as .clang-format says (Debian 12's
# clang-format 14). Fix with:
#   clang-format -i $(git ls-files '*.cc' '*.h')
file(GLOB_RECURSE sources
  ${SOURCE_DIR}/meshes/*.cc ${SOURCE_DIR}/meshes/*.h
  ${SOURCE_DIR}/solver/*.cc ${SOURCE_DIR}/solver/*.h
  ${SOURCE_DIR}/postprocess/*.cc ${SOURCE_DIR}/postprocess/*.h
  ${SOURCE_DIR}/tests/*.cc ${SOURCE_DIR}/tests/*.h
  ${SOURCE_DIR}/benchmarks/*.cc ${SOURCE_DIR}/benchmarks/*.h)
execute_process(COMMAND ${CLANG_FORMAT} --dry-run --Werror ${sources}
  RESULT_VARIABLE result ERROR_VARIABLE diagnostics)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "These files need clang-format:\n${diagnostics}")
endif()
