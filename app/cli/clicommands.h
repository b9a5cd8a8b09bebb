// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

// One function per subcommand, each in its own file; cli.cpp lists them.
int importCommand(const QStringList& arguments);
int exportCommand(const QStringList& arguments);
int summaryCommand(const QStringList& arguments);
int reportCommand(const QStringList& arguments);
int refdataCommand(const QStringList& arguments);
int identifiersCommand(const QStringList& arguments);
int markersCommand(const QStringList& arguments);
int mediaCommand(const QStringList& arguments);
int compareCommand(const QStringList& arguments);
