// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The container readers behind Uploads::probe() (mediafingerprint.h). Each fills what it finds and adds a
// note for what it could not read.

class RandomAccess;

namespace Uploads {

struct MediaFingerprint;

/// MP4, QuickTime, 3GP, M4V (mvhd/tkhd/mdhd/hdlr/stsd) and HEIF/AVIF (meta: ispe, irot, Exif item).
void probeIsoBmff(RandomAccess& source, MediaFingerprint& out);
void probeJpeg(RandomAccess& source, MediaFingerprint& out);
void probePng(RandomAccess& source, MediaFingerprint& out);
void probeWebp(RandomAccess& source, MediaFingerprint& out);
void probeGif(RandomAccess& source, MediaFingerprint& out);

} // namespace Uploads
