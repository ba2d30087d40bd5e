# cmake -DPROGRAM=<executable> -DMAN_PAGE=<page.1> -P check-man.cmake
# Fails when a long option that `PROGRAM --help` prints is missing from the manual page, so the
# hand-written pages in resources/man/ cannot silently fall behind the programs.
execute_process(COMMAND ${PROGRAM} --help OUTPUT_VARIABLE help ERROR_VARIABLE help RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} --help exited with ${rc}:\n${help}")
endif()
file(READ ${MAN_PAGE} page)
# A "[" in a CMake list keeps the ";" after it from splitting: "[--json]" in a usage line would
# glue every later option into one item. Brackets say nothing about options, so they go first.
string(REPLACE "[" " " help "${help}")
string(REGEX MATCHALL "(^|[ \t\n[])--[a-z][a-z0-9-]*" options "${help}")
list(LENGTH options count)
if(count EQUAL 0)
  message(FATAL_ERROR "found no options in the output of ${PROGRAM} --help:\n${help}")
endif()
set(missing)
foreach(option IN LISTS options)
  string(REGEX REPLACE "^[ \t\n[]" "" option "${option}")
  string(REPLACE "-" "\\-" roff "${option}")  # roff writes a hyphen-minus as \-
  string(FIND "${page}" "${roff}" at)
  if(at EQUAL -1)
    list(APPEND missing ${option})
  endif()
endforeach()
if(missing)
  list(REMOVE_DUPLICATES missing)
  message(FATAL_ERROR "${MAN_PAGE} does not describe: ${missing}")
endif()
