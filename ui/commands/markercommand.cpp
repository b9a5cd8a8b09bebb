// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "markercommand.h"

#include "pipeline/analysis.h"
#include "session.h"
#include "store/investigation.h"
#include "tasks/taskrunner.h"

MarkerCommand::MarkerCommand(Session& session, std::optional<Data::Marker> before, std::optional<Data::Marker> after,
    const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent)
    , m_session(session)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_markerId(std::make_shared<std::atomic<qint64>>(m_before ? m_before->id : (m_after ? m_after->id : 0)))
    , m_isMove(m_before && m_after && m_before->label == m_after->label && m_before->note == m_after->note)
{ }

void MarkerCommand::redo()
{
    apply(m_before, m_after);
}

void MarkerCommand::undo()
{
    apply(m_after, m_before);
}

bool MarkerCommand::mergeWith(const QUndoCommand* other)
{
    const auto* o = dynamic_cast<const MarkerCommand*>(other);
    if (!o || !m_isMove || !o->m_isMove || o->m_before->id != m_after->id || o->m_before->ts != m_after->ts)
        return false;
    m_after = o->m_after;
    return true;
}

void MarkerCommand::apply(const std::optional<Data::Marker>& from, const std::optional<Data::Marker>& to)
{
    auto id = m_markerId;
    m_session.tasks().enqueue(
        QObject::tr("Saving markers"),
        [from, to, id](Investigation& writer, const ProgressCallback& progress) {
            {
                Transaction tx(writer.db());
                if (to && !from) {
                    Data::Marker m = *to;
                    m.id = id->load(); // 0 the first time: a new id, kept for undo and redo
                    id->store(MarkerStore::add(writer.db(), m));
                } else if (from && !to) {
                    MarkerStore::remove(writer.db(), id->load());
                } else if (to) {
                    Data::Marker m = *to;
                    m.id = id->load();
                    MarkerStore::update(writer.db(), m);
                }
                tx.commit();
            }
            const Analysis::Outcome a = Analysis::run(writer, { QStringLiteral("uploads-markers") }, progress);
            return TaskResult { a.ok, a.cancelled, a.ok ? QString() : a.error, {} };
        },
        [this](const TaskResult&) { m_session.notifyDataChanged(); });
}
