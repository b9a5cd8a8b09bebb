// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDir>

/// The "draft vs posted" part of the demo (issue 7): two more Vidzy captures made with the same steps and the
/// same video (open the composer, select the video, Next, type the canary caption), one ending in Discard and
/// one in Post, the investigator's markers for both (on the phone's clock, 1.8 s ahead of the capturing laptop,
/// with a sync beacon to line them up), and the reference video itself.
namespace DraftRuns {

/// Writes vidzy-draft.mp4, vidzy-draft-discarded.har, vidzy-draft-posted.har and their markers CSVs.
void write(const QDir& out);

/// A small, valid MP4 (ftyp, moov with mvhd/trak/tkhd/mdia/mdhd/hdlr/minf/stbl/stsd avc1+avcC, stts, stss, stsc,
/// stsz, stco, mdat) of `frames` frames at `fps`, `width`×`height`, with deterministic frame bytes from `seed`.
/// `timescale` is the movie timescale (apps re-encoding often change it).
QByteArray makeMp4(int width, int height, int frames, int fps, quint64 seed, int averageFrameBytes, int timescale,
    qint64 creationUnixSeconds, const QByteArray& encoderName);

} // namespace DraftRuns
