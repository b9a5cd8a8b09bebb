// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "packetimport.h"

#include "bytesource.h"
#include "packet/keylog.h"
#include "packet/packetpipeline.h"

namespace PacketImport {

void loadKeyLog(const ImportInput& input, Packet::PacketPipeline& pipeline)
{
    if (!input.keyLogPath.isEmpty()) {
        pipeline.addKeyLogFile(input.keyLogPath, false);
        return;
    }
    if (input.path.isEmpty())
        return;
    const QString companion = Packet::KeyLog::findCompanion(input.path);
    if (!companion.isEmpty())
        pipeline.addKeyLogFile(companion, true);
}

bool finish(const ImportInput& input, Packet::PacketPipeline& pipeline, CaptureSink& sink, const QString& producer,
    const QString& notes, const ProgressCallback& progress)
{
    if (!pipeline.finish(input.path, input.stream.compression(), progress))
        return false;
    Data::CaptureInfo info;
    info.producer = producer;
    info.notes = notes.isEmpty() ? pipeline.summary() : notes + QStringLiteral("; ") + pipeline.summary();
    sink.setInfo(info);
    return true;
}

QString at(qint64 offset)
{
    return QStringLiteral("byte offset %1").arg(offset);
}

} // namespace PacketImport
