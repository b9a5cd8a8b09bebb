// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/filter.h"
#include "ingest/captureimporter.h"

#include <QCommandLineParser>
#include <QString>

#include <memory>

class Investigation;

/// Shared plumbing of the subcommands.
namespace CliCommon {

enum ExitCode { Ok = 0, Failed = 1, Usage = 2 };

/// Prints "leakscope: <message>" on stderr (one line).
void error(const QString& message);
/// Prints an informational line on stderr (progress, notes); results go to stdout only.
void note(const QString& message);
/// Writes to stdout.
void out(const QString& text);

/// Parses the subcommand's arguments. Returns false after printing the reason (or the help, with
/// `*exitCode` = Ok) when the command should stop.
bool parse(QCommandLineParser& parser, const QStringList& arguments, int* exitCode);

/// The standard -i/--investigation option.
QCommandLineOption investigationOption();
/// Opens INV; prints the reason and returns nullptr when it cannot.
std::unique_ptr<Investigation> openInvestigation(const QString& path, bool create);

/// --app/--capture/--from/--to options shared by the exports.
void addFilterOptions(QCommandLineParser& parser);
/// Builds the filter; returns false (after printing why) on an unknown app or capture or a bad time.
bool readFilter(QCommandLineParser& parser, Investigation& inv, Data::Filter* filter);

/// A progress callback printing "label: 42%" on stderr, rewritten in place on a terminal and every 10% on
/// a pipe or log file. Never cancels.
ProgressCallback progressPrinter(const QString& label);
/// Ends the progress line started by progressPrinter().
void endProgress();

} // namespace CliCommon

/// One subcommand: its name, a one-line description and the function that runs it.
struct CliCommand
{
    const char* name;
    const char* summary;
    int (*run)(const QStringList& arguments);
};
