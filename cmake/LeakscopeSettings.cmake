# SPDX-FileCopyrightText: 2026 The Leakscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Compile settings shared by every target, carried by an INTERFACE target instead of global flags.
add_library(leakscope_settings INTERFACE)
target_compile_definitions(leakscope_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    LEAKSCOPE_VERSION="${PROJECT_VERSION}")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(leakscope_settings INTERFACE -Wall -Wextra -Wpedantic -Wno-unused-parameter
        -Wnon-virtual-dtor -Woverloaded-virtual)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        target_compile_options(leakscope_settings INTERFACE -Wshadow=local) # gcc's spelling; clang has none
    endif()
endif()
if(MSVC)
    target_compile_options(leakscope_settings INTERFACE /W4 /utf-8)
endif()

# Where resources/ (demo, reference data) is installed, relative to the prefix. app/common/paths.cpp finds it
# from the executable: <prefix>/bin/../share/leakscope on Linux and Windows, the bundle's Resources on macOS.
if(APPLE)
    set(LEAKSCOPE_INSTALL_DATADIR "Leakscope.app/Contents/Resources")
else()
    set(LEAKSCOPE_INSTALL_DATADIR "${CMAKE_INSTALL_DATADIR}/leakscope")
endif()

# ASan + UBSan for the `asan` preset (and fuzzers).
option(LEAKSCOPE_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(LEAKSCOPE_SANITIZE)
    target_compile_options(leakscope_settings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
        -fno-sanitize-recover=undefined)
    target_link_options(leakscope_settings INTERFACE -fsanitize=address,undefined)
endif()

# The hardening Debian's packages get from dpkg-buildflags, on Linux (Leakscope parses files from strangers):
# stack protector, read-only relocations, and fortified libc calls in optimised builds without sanitizers.
if(CMAKE_SYSTEM_NAME STREQUAL "Linux" AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(leakscope_settings INTERFACE -fstack-protector-strong)
    target_link_options(leakscope_settings INTERFACE "LINKER:-z,relro,-z,now")
    if(NOT LEAKSCOPE_SANITIZE)
        target_compile_options(leakscope_settings INTERFACE
            "$<$<NOT:$<CONFIG:Debug>>:-U_FORTIFY_SOURCE;-D_FORTIFY_SOURCE=2>")
    endif()
endif()
