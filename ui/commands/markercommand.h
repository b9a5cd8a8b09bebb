// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/markerstore.h"

#include <QUndoCommand>

#include <atomic>
#include <memory>
#include <optional>

class Session;

/// One undoable marker edit: add (no `before`), delete (no `after`), or change (time, label, note). Each step
/// is written by the session's task runner (the single writer) and re-runs only the marker classification;
/// the pages reload when it is done. A marker deleted and restored keeps its id, so later commands that name
/// it still apply.
class MarkerCommand : public QUndoCommand
{
public:
    MarkerCommand(Session& session, std::optional<Data::Marker> before, std::optional<Data::Marker> after,
        const QString& text, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;
    /// Merges consecutive drags of the same marker into one step.
    int id() const override
    {
        return 0x4D4B; // "MK"
    }
    bool mergeWith(const QUndoCommand* other) override;

private:
    void apply(const std::optional<Data::Marker>& from, const std::optional<Data::Marker>& to);

    Session& m_session;
    std::optional<Data::Marker> m_before;
    std::optional<Data::Marker> m_after;
    std::shared_ptr<std::atomic<qint64>> m_markerId;
    bool m_isMove = false;
};
