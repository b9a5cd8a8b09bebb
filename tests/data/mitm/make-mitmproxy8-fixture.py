#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Leakscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes generated__mitmproxy8.mitm with Debian's mitmproxy (8.1.1, flow format 15): one flow of each kind
the corpus lacks (TCP, DNS, WebSocket in the current model, a replay, an error, a mark and a comment, a
gzip body), and one flow saved twice, the way an appended dump holds it. Run it with the system python:
    /usr/bin/python3 tests/data/mitm/make-mitmproxy8-fixture.py tests/data/mitm/generated__mitmproxy8.mitm
"""
import gzip
import sys

from mitmproxy import dns, http, io
from mitmproxy.test import tflow

flows = []

api = tflow.tflow(resp=True)
api.id = "00000000-0000-4000-8000-000000000001"
api.request.method = "POST"
api.request.host = "api.vidzy.example"
api.request.headers["Host"] = "api.vidzy.example"
api.request.headers["content-type"] = "application/json"
api.request.content = b'{"device_id":"8d3f2a","lat":52.52,"lon":13.40}'
api.response.headers["content-encoding"] = "gzip"
api.response.content = None
api.response.raw_content = gzip.compress(b'{"ok":true,"session":"abc"}' * 20, mtime=0)
api.comment = "first copy"
flows.append(api)

failed = tflow.tflow(err=True)
failed.id = "00000000-0000-4000-8000-000000000002"
failed.request.host = "tracker.example"
failed.request.headers["Host"] = "tracker.example"
flows.append(failed)

replay = tflow.tflow(resp=True)
replay.id = "00000000-0000-4000-8000-000000000003"
replay.is_replay = "request"
replay.marked = ":star:"
flows.append(replay)

ws = tflow.twebsocketflow()
ws.id = "00000000-0000-4000-8000-000000000004"
flows.append(ws)

tcp = tflow.ttcpflow()
tcp.id = "00000000-0000-4000-8000-000000000005"
flows.append(tcp)

d = tflow.tdnsflow(resp=True)
d.id = "00000000-0000-4000-8000-000000000006"
d.response.answers.insert(0, dns.ResourceRecord.CNAME("dns.google", "alias.dns.google"))
flows.append(d)

h2 = tflow.tflow(resp=True)
h2.id = "00000000-0000-4000-8000-000000000007"
h2.request.http_version = "HTTP/2.0"
h2.request.authority = "cdn.vidzy.example"
h2.request.headers.pop("Host", None)
h2.response.http_version = "HTTP/2.0"
flows.append(h2)

# The first flow again, saved later with a new comment: the reader must keep this copy only.
api.comment = "second copy"
api.marked = ":default:"
flows.append(api)

with open(sys.argv[1], "wb") as f:
    w = io.FlowWriter(f)
    for fl in flows:
        w.add(fl)
