// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QEvent>
#include <QObject>
#include <QWidget>

#include <functional>

/// Runs a page's reload now when the page is on screen, else when it is next shown. A filter change then
/// costs one query (the visible page's) instead of one per page: on a million flows the hidden pages'
/// queries kept the two cores busy for seconds while the visible page waited (bench/RESULTS.md).
class ReloadWhenShown : public QObject
{
public:
    ReloadWhenShown(QWidget* page, std::function<void()> reload)
        : QObject(page)
        , m_page(page)
        , m_reload(std::move(reload))
    {
        page->installEventFilter(this);
    }

    void request()
    {
        if (m_page->isVisible()) {
            m_pending = false;
            m_reload();
        } else {
            m_pending = true;
        }
    }
    /// True while a reload waits for the page to be shown.
    bool isPending() const
    {
        return m_pending;
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == m_page && event->type() == QEvent::Show && m_pending) {
            m_pending = false;
            m_reload();
        }
        return false;
    }

private:
    QWidget* m_page;
    std::function<void()> m_reload;
    bool m_pending = false;
};
