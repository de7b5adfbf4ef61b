# Fails when a source includes a header from a folder its target may not use:
# the arrows of docs/architecture.md ("Layers"), checked on every build.
# Run as: cmake -DARGUMENTS=<file> -P CheckLayering.cmake, where <file> sets
# TARGET, ALLOWED (folders such as core/sql), SOURCES (absolute paths) and STAMP.
cmake_minimum_required(VERSION 3.21)
include("${ARGUMENTS}")

set(wrong "")
foreach(source IN LISTS SOURCES)
    file(STRINGS "${source}" includes REGEX "^[ \t]*#[ \t]*include[ \t]+\"(core|ui|app)/")
    foreach(line IN LISTS includes)
        string(REGEX REPLACE "^[^\"]*\"([^\"]+)/[^/\"]+\".*$" "\\1" folder "${line}")
        if(NOT folder IN_LIST ALLOWED)
            string(APPEND wrong "\n  ${source}: ${line}")
        endif()
    endforeach()
endforeach()

if(wrong)
    list(JOIN ALLOWED ", " allowed)
    message(FATAL_ERROR "${TARGET} may include only ${allowed}; these run against the "
                        "layers of docs/architecture.md:${wrong}")
endif()
file(TOUCH "${STAMP}")
