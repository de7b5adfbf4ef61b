# The committed catalogues are complete and up to date: no unfinished, empty,
# vanished or obsolete entry, and lupdate run on the sources into a copy
# changes nothing (a new, changed or removed tr() string would).
#
#   cmake -DLUPDATE=... -DSOURCES=<list file> -DINCLUDE_DIR=... -DTS_DIR=...
#         -DWORK_DIR=... -P check-catalogues.cmake
foreach(var LUPDATE SOURCES INCLUDE_DIR TS_DIR WORK_DIR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "check-catalogues.cmake: -D${var}=... is missing")
    endif()
endforeach()

set(problems "")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

foreach(ts IN ITEMS poolscope_zh_CN.ts poolscope_en.ts)
    file(STRINGS "${TS_DIR}/${ts}" lines)
    set(number 0)
    set(source "")
    foreach(line IN LISTS lines)
        math(EXPR number "${number} + 1")
        if(line MATCHES "<source>(.*)</source>")
            set(source "${CMAKE_MATCH_1}")
        endif()
        if(line MATCHES "type=\"(unfinished|vanished|obsolete)\"")
            string(APPEND problems "${ts}:${number}: ${CMAKE_MATCH_1}: ${source}\n")
        elseif(line MATCHES "<translation></translation>|<translation/>|<numerusform></numerusform>|<numerusform/>")
            string(APPEND problems "${ts}:${number}: empty translation: ${source}\n")
        endif()
    endforeach()

    # English carries only the plural forms.
    set(options -no-obsolete -locations none)
    if(ts STREQUAL "poolscope_en.ts")
        list(APPEND options -pluralonly)
    endif()
    file(COPY "${TS_DIR}/${ts}" DESTINATION "${WORK_DIR}")
    execute_process(
        COMMAND "${LUPDATE}" ${options} -I "${INCLUDE_DIR}" "@${SOURCES}" -ts "${WORK_DIR}/${ts}"
        RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
    if(NOT status EQUAL 0)
        string(APPEND problems "${ts}: lupdate failed (${status}):\n${output}\n")
        continue()
    endif()
    execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${TS_DIR}/${ts}" "${WORK_DIR}/${ts}"
                    RESULT_VARIABLE differs)
    if(differs)
        execute_process(COMMAND diff -u "${TS_DIR}/${ts}" "${WORK_DIR}/${ts}"
                        OUTPUT_VARIABLE diff ERROR_QUIET)
        string(APPEND problems "${ts} is out of date with the sources; refresh it with "
               "`cmake --build <build dir> --target update_translations` and translate what "
               "is new:\n${diff}\n")
    endif()
endforeach()

if(problems)
    message(FATAL_ERROR "${problems}")
endif()
message(STATUS "poolscope_zh_CN.ts and poolscope_en.ts are complete and up to date")
