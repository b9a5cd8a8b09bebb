// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decode/decoded.h"
#include "findingstore.h"
#include "hit.h"

#include <QHash>

namespace Detect {

/// identity.account_id by provenance (TAXONOMY.md): identifiers a service assigned, seen first in one of its
/// responses (a body field, a Set-Cookie), then echoed in later requests, to the same service or on to a
/// third party. Feed the flows of one app in time order.
class ServerIdTracker
{
public:
    /// Learns the identifiers a response assigns.
    void learn(const Decode::Decoded& response, qint64 flowId, const QString& host, const QString& registrableDomain);
    /// Hits for request values that an earlier response assigned: medium when they go back to the service that
    /// issued them, high when they travel on to another registrable domain.
    std::vector<Hit> echoes(const Decode::Decoded& request, const MessageInfo& info) const;
    void clear()
    {
        m_assigned.clear();
    }
    int size() const
    {
        return static_cast<int>(m_assigned.size());
    }

private:
    struct Assigned
    {
        qint64 flowId = 0;
        QString host;
        QString registrableDomain;
        QByteArray key;
        bool credential = false;
        bool cookie = false;
    };
    QHash<QByteArray, Assigned> m_assigned;
};

/// behavior.keystrokes by the incremental-prefix test (research §7): a draft canary ("purple-giraffe-4471")
/// whose growing prefixes ("pur", "purple", "purple-gi" …) are sent in successive requests was streamed as it
/// was typed. Feed the requests of one capture in time order, then ask for the hits.
class DraftPrefixTracker
{
public:
    struct Canary
    {
        qint64 identifierId = 0;
        QString label;
        QByteArray lowerValue;
    };
    explicit DraftPrefixTracker(std::vector<Canary> canaries = {});

    bool isEmpty() const
    {
        return m_canaries.empty();
    }
    /// Notes prefixes of a canary in a request (whole values only: a prefix inside other text is chance).
    void observe(const Decode::Decoded& request, qint64 flowId);

    struct Sighting
    {
        qint64 flowId = 0;
        Hit hit;
        FindingStore::Display display;
    };
    /// The keystroke hits of the capture seen so far (at least three different prefix lengths of a canary),
    /// one per request that carried a prefix. Resets the tracker for the next capture.
    std::vector<Sighting> take();

private:
    std::vector<Canary> m_canaries;
    std::vector<std::vector<Sighting>> m_seen; ///< per canary
};

} // namespace Detect
