# SPDX-FileCopyrightText: 2026 The Leakscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
# The fuzz entry points as sources, shared by the libFuzzer executables (fuzz/CMakeLists.txt) and the
# regression test that replays tests/data/fuzz-regressions/ with the normal compiler (tests/CMakeLists.txt).
set(LEAKSCOPE_FUZZ_DIR "${CMAKE_CURRENT_LIST_DIR}")
file(STRINGS "${LEAKSCOPE_FUZZ_DIR}/targets.txt" LEAKSCOPE_FUZZ_TARGETS REGEX "^[a-z0-9_]+$")

function(leakscope_add_fuzz_sources target)
    target_sources(${target} PRIVATE
        "${LEAKSCOPE_FUZZ_DIR}/fuzzinput.h" "${LEAKSCOPE_FUZZ_DIR}/fuzzsink.h"
        "${LEAKSCOPE_FUZZ_DIR}/fuzztargets.h" "${LEAKSCOPE_FUZZ_DIR}/fuzztargets.cpp"
        "${LEAKSCOPE_FUZZ_DIR}/targets_ingest.cpp" "${LEAKSCOPE_FUZZ_DIR}/targets_packet.cpp"
        "${LEAKSCOPE_FUZZ_DIR}/targets_decode.cpp" "${LEAKSCOPE_FUZZ_DIR}/targets_detect.cpp")
    target_include_directories(${target} PRIVATE "${LEAKSCOPE_FUZZ_DIR}")
    target_link_libraries(${target} PRIVATE leakscope_core OpenSSL::Crypto)
endfunction()
