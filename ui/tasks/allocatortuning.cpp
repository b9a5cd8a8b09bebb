// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "allocatortuning.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void keepFreedMemoryForReuse()
{
#if defined(__GLIBC__)
    // Blocks up to 32 MB (glibc's maximum for this setting) come from the heap, not from their own mapping, and up
    // to 128 MB free at the top of a heap is kept rather than trimmed.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
#endif
}
