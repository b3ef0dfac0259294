# Fails when params/reference.prm differs from what `cementflow parameters`
# prints now. Regenerate it with:
#   build/cementflow parameters > params/reference.prm
execute_process(COMMAND ${CEMENTFLOW} parameters
  OUTPUT_VARIABLE current RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "`cementflow parameters` failed (exit code ${result}).")
endif()
file(READ ${REFERENCE} committed)
if(NOT current STREQUAL committed)
  message(FATAL_ERROR
    "params/reference.prm is stale: it differs from `cementflow parameters`.\n"
    "Regenerate it: build/cementflow parameters > params/reference.prm")
endif()
