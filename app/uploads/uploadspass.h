// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pipeline/analysispass.h"
#include "uploadrequest.h"

/// "Does it upload before I press post?", part 1 (research §8.3): groups outbound requests that carry media or
/// large bodies into upload sessions (chunks, retries, coverage), reassembles and hashes each payload from the
/// body store, fingerprints the container, finds the publish and cancel calls that name the upload, and
/// groups outbound bytes on encrypted connections into bursts. Depends on flows and connections only; the
/// markers and reference media are read by UploadClassificationPass, so editing them never redoes this.
class UploadsPass : public AnalysisPass
{
public:
    explicit UploadsPass(const Uploads::RecognitionOptions& options = {})
        : m_options(options)
    { }
    QString id() const override
    {
        return QStringLiteral("uploads");
    }
    QString displayName() const override
    {
        return QStringLiteral("Uploads");
    }
    int schemaVersion() const override
    {
        return 1;
    }
    QStringList tables() const override;
    void createTables(Database& db) override;
    bool run(Investigation& investigation, const ProgressCallback& progress) override;

private:
    Uploads::RecognitionOptions m_options;
};

/// Part 2 (research §8.4): lines every upload session and burst up against its capture's markers (after the
/// clock offset), matches sessions against the reference media, and notes whether the publish call carried
/// the canary caption (the detect pass's findings). Cheap: re-run on every marker, media or identifier edit.
class UploadClassificationPass : public AnalysisPass
{
public:
    QString id() const override
    {
        return QStringLiteral("uploads-markers");
    }
    QString displayName() const override
    {
        return QStringLiteral("Uploads vs. user actions");
    }
    QStringList dependsOn() const override
    {
        return { QStringLiteral("detect"), QStringLiteral("uploads") };
    }
    int schemaVersion() const override
    {
        return 1;
    }
    QStringList tables() const override;
    void createTables(Database& db) override;
    bool run(Investigation& investigation, const ProgressCallback& progress) override;
};
