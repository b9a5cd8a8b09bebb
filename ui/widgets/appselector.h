// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QComboBox;
class Session;

/// The "App:" combo box several pages show: "All apps" and each app of the investigation, with the shared
/// filter's app selected. Filling it does not emit its signals (the page's handler sets the filter).
namespace AppSelector {
void fill(QComboBox* combo, Session& session);
}
