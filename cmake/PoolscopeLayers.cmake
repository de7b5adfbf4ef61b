# The layers of core/: each folder is a library that may link and include only
# the folders below it (docs/architecture.md, "Layers"). The build checks every
# include against that, so an arrow the wrong way fails the build, not review.

# poolscope_layer(<folder> [BELOW <folder>...] [PRIVATE_LIBS <lib>...] SOURCES <file>...)
# makes the library poolscope_<folder with / as _> from the sources of the
# calling directory. BELOW names the folders it builds on (their own lower
# folders come with them).
function(poolscope_layer folder)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "BELOW;PRIVATE_LIBS;SOURCES")
    string(REPLACE "/" "_" target "poolscope_${folder}")
    qt_add_library(${target} STATIC ${arg_SOURCES})
    set(below_targets "")
    set(allowed "${folder}")
    foreach(lower IN LISTS arg_BELOW)
        string(REPLACE "/" "_" lower_target "poolscope_${lower}")
        list(APPEND below_targets ${lower_target})
        get_property(lower_allowed GLOBAL PROPERTY POOLSCOPE_ALLOWED_${lower_target})
        if(NOT lower_allowed)
            message(FATAL_ERROR "${folder} builds on ${lower}, which is not defined yet")
        endif()
        list(APPEND allowed ${lower_allowed})
    endforeach()
    list(REMOVE_DUPLICATES allowed)
    set_property(GLOBAL PROPERTY POOLSCOPE_ALLOWED_${target} "${allowed}")
    set_property(GLOBAL APPEND PROPERTY POOLSCOPE_CORE_TARGETS ${target})
    target_link_libraries(${target}
        PUBLIC poolscope_options Qt6::Core Qt6::Sql ${below_targets}
        PRIVATE ${arg_PRIVATE_LIBS})
    poolscope_check_layering(${target} ALLOWED ${allowed})
endfunction()

# poolscope_check_layering(<target> ALLOWED <folder>...): every build checks
# the includes of target's own sources against the folders it may use.
function(poolscope_check_layering target)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "ALLOWED")
    get_target_property(sources ${target} SOURCES)
    get_target_property(source_dir ${target} SOURCE_DIR)
    list(FILTER sources INCLUDE REGEX "^[a-z_0-9]+\\.(cpp|h)$")
    list(TRANSFORM sources PREPEND "${source_dir}/")
    set(allowed_dirs "")
    foreach(folder IN LISTS arg_ALLOWED)
        if(folder MATCHES "^(ui|app)$")
            list(APPEND allowed_dirs "${folder}")
        else()
            list(APPEND allowed_dirs "core/${folder}")
        endif()
    endforeach()
    set(stamp "${CMAKE_CURRENT_BINARY_DIR}/${target}.layering")
    set(arguments "${CMAKE_CURRENT_BINARY_DIR}/${target}.layering.cmake")
    file(CONFIGURE OUTPUT "${arguments}" CONTENT
        "set(TARGET ${target})\nset(ALLOWED \"${allowed_dirs}\")\nset(SOURCES \"${sources}\")\nset(STAMP \"${stamp}\")\n")
    add_custom_command(OUTPUT "${stamp}"
        COMMAND ${CMAKE_COMMAND} -DARGUMENTS=${arguments} -P ${PROJECT_SOURCE_DIR}/cmake/CheckLayering.cmake
        DEPENDS ${sources} "${arguments}" "${PROJECT_SOURCE_DIR}/cmake/CheckLayering.cmake"
        COMMENT "Checking the includes of ${target} against its layer"
        VERBATIM)
    add_custom_target(${target}_layering DEPENDS "${stamp}")
    add_dependencies(${target} ${target}_layering)
endfunction()
