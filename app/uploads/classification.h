// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "uploadstore.h"

namespace Uploads {

/// A marker in capture time (after the capture's clock offset).
struct AlignedMarker
{
    Data::Timestamp ts = 0;
    QString label;
};

/// Clock uncertainty between the investigator's markers and the capture (research §8.2: ±1 s).
constexpr qint64 DefaultToleranceUs = 1000 * 1000;

/// Classifies one upload session against its capture's markers (research §8.4, EXPORT.md `classification`):
/// fills the classification fields of `session` from its timing, chunks, publish and cancel calls.
/// `markers` must be sorted by time.
void classify(Data::UploadSession& session, const std::vector<Data::UploadChunk>& chunks,
    const std::vector<AlignedMarker>& markers, qint64 toleranceUs = DefaultToleranceUs);

/// The same for an encrypted burst: nearest markers and whether it lies between media_selected (or
/// tapped_next/opened_composer) and tapped_post (or discarded).
void classify(
    Data::UploadBurst& burst, const std::vector<AlignedMarker>& markers, qint64 toleranceUs = DefaultToleranceUs);

} // namespace Uploads
