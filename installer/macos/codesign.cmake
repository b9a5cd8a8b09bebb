# SPDX-FileCopyrightText: 2026 The Leakscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# CPack pre-build script (CPACK_PRE_BUILD_SCRIPTS, set when LEAKSCOPE_CODESIGN_IDENTITY is given): signs the
# staged Leakscope.app from the inside out, as notarisation requires: every dylib and framework macdeployqt
# copied in, then the bundle, each with the hardened runtime and a secure timestamp. Without --deep, which
# Apple discourages for signing.
if(NOT CPACK_LEAKSCOPE_CODESIGN_IDENTITY)
    return()
endif()
file(GLOB_RECURSE _bundles LIST_DIRECTORIES true "${CPACK_TEMPORARY_DIRECTORY}/*Leakscope.app")
list(FILTER _bundles INCLUDE REGEX "/Leakscope\\.app$")
if(NOT _bundles)
    message(FATAL_ERROR "codesign: no Leakscope.app under ${CPACK_TEMPORARY_DIRECTORY}")
endif()
list(GET _bundles 0 _app)

set(_sign codesign --force --options runtime --timestamp --sign "${CPACK_LEAKSCOPE_CODESIGN_IDENTITY}")
file(GLOB_RECURSE _dylibs "${_app}/Contents/*.dylib")
file(GLOB _frameworks LIST_DIRECTORIES true "${_app}/Contents/Frameworks/*.framework")
foreach(_item IN LISTS _dylibs _frameworks)
    execute_process(COMMAND ${_sign} "${_item}" COMMAND_ERROR_IS_FATAL ANY)
endforeach()
execute_process(COMMAND ${_sign} "${_app}" COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND codesign --verify --strict --deep --verbose=2 "${_app}" COMMAND_ERROR_IS_FATAL ANY)
message(STATUS "codesign: signed ${_app}")
