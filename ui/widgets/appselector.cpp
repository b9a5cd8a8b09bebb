// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "appselector.h"

#include "models/displayformat.h"
#include "models/filterstate.h"
#include "session.h"
#include "store/investigation.h"

#include <QComboBox>
#include <QCoreApplication>

namespace AppSelector {

void fill(QComboBox* combo, Session& session)
{
    const QSignalBlocker block(combo);
    combo->clear();
    combo->addItem(QCoreApplication::translate("AppSelector", "All apps"), qint64(0));
    if (!session.isOpen())
        return;
    for (const auto& a : session.reader().apps())
        combo->addItem(DisplayFormat::inert(a.name.isEmpty() ? a.package : a.name, 60), a.id);
    const QList<qint64> selected = session.filter().filter().appIds;
    combo->setCurrentIndex(selected.size() == 1 ? std::max(0, combo->findData(selected.front())) : 0);
}

} // namespace AppSelector
