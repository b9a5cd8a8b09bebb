#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Leakscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Collects seed inputs for the fuzz targets (fuzz/targets.txt) into OUT/<target>/.

Seeds come from tests/data and ../shared/corpus (when present), chosen by format; packet captures are also
taken apart into the scripted inputs the packet-level targets read (fuzz/targets_packet.cpp). Nothing here is
committed: the seeds are rebuilt from the fixtures on every run. Files are cut at MAX_SEED bytes so that one
run of a target stays fast; the streaming readers do not need whole files to be steered.
"""
import gzip
import hashlib
import os
import struct
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_SEED = 128 * 1024

# target -> (globs under tests/data and the corpus, prefix bytes the target reads before the payload)
BY_FORMAT = {
    "har": (["har/*", "detect/*.har"], b""),
    "mitmproxy": (["mitm/*"], b""),
    "tnetstring": (["mitm/*"], b"\xff\xff\x3f\x00"),
    "pcap": (["pcap/*.pcap"], b""),
    "pcapng": (["pcap/*.pcapng", "pcapng/*"], b""),
    "burp": (["burp/*"], b""),
    "charles": (["charles/*.chlsj"], b""),
    "charles_archive": (["charles/*.chlz"], b""),
    "saz": (["*/*.saz"], b""),
    "zeek": (["zeek/*"], b""),
    "pcapdroid_csv": (["*/*pcapdroid*.csv"], b""),
    "app_privacy_report": (["*/*.ndjson", "*/*privacy*"], b""),
    "byte_source": (["zeek/*.gz", "pcap/*.gz", "har/*.zhar"], b""),
    "keylog": (["pcap/*keylog*", "other/*key*"], b""),
    "media_probe": (["uploads/*"], b""),
    "identifiers_json": (["detect/*identifiers*.json"], b""),
    "markers_csv": (["*/*markers*.csv"], b""),
}


def sources():
    yield ROOT / "tests" / "data"
    corpus = ROOT.parent / "shared" / "corpus"
    if corpus.is_dir():
        yield corpus


def put(out, target, data, name=None):
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    data = data[:MAX_SEED]
    (d / (name or hashlib.sha1(data).hexdigest()[:16])).write_bytes(data)


def read_packets(path):
    """(linktype, frames) of a classic pcap (either byte order), or None."""
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    if len(raw) < 24:
        return None
    magic = raw[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        return None
    linktype = struct.unpack(e + "I", raw[20:24])[0] & 0xFFFF
    frames, pos = [], 24
    while pos + 16 <= len(raw) and len(frames) < 400:
        incl = struct.unpack(e + "I", raw[pos + 8:pos + 12])[0]
        frames.append(raw[pos + 16:pos + 16 + incl])
        pos += 16 + incl
    return linktype, frames


LINK_INDEX = {1: 0, 101: 1, 0: 2, 108: 3, 113: 4, 276: 5, 228: 6, 229: 7, 9: 8, 50: 9, 104: 10, 105: 11, 127: 12,
              192: 13, 239: 14, 258: 15, 149: 16, 12: 17, 14: 18}


def transport_payload(linktype, frame):
    """(proto, sport, dport, payload) for Ethernet/raw IP frames, else None."""
    if linktype == 1 and len(frame) >= 14:
        etype, ip = struct.unpack(">H", frame[12:14])[0], frame[14:]
        if etype == 0x8100 and len(frame) >= 18:
            etype, ip = struct.unpack(">H", frame[16:18])[0], frame[18:]
    elif linktype in (101, 12, 228, 229):
        ip, etype = frame, (0x86DD if frame[:1] and frame[0] >> 4 == 6 else 0x0800)
    else:
        return None
    if etype == 0x0800 and len(ip) >= 20:
        ihl, proto, l4 = (ip[0] & 15) * 4, ip[9], None
        l4 = ip[ihl:]
    elif etype == 0x86DD and len(ip) >= 40:
        proto, l4 = ip[6], ip[40:]
    else:
        return None
    if proto == 6 and len(l4) >= 20:
        off = (l4[12] >> 4) * 4
        return 6, *struct.unpack(">HH", l4[:4]), l4[off:], struct.unpack(">I", l4[4:8])[0], l4[13]
    if proto == 17 and len(l4) >= 8:
        return 17, *struct.unpack(">HH", l4[:4]), l4[8:], 0, 0
    return None


def packet_seeds(out, path):
    got = read_packets(path)
    if not got:
        return
    linktype, frames = got
    if linktype in LINK_INDEX:
        script = bytearray([LINK_INDEX[linktype]])
        for f in frames[:200]:
            f = f[:65535]
            script += bytes([0]) + struct.pack(">H", len(f)) + f + b"\x01"
            if len(script) > MAX_SEED:
                break
        put(out, "packet_path", bytes(script))
    streams = {}
    for f in frames:
        t = transport_payload(linktype, f)
        if not t:
            continue
        proto, sport, dport, payload, seq, flags = t
        if proto == 17 and 53 in (sport, dport) and payload:
            put(out, "dns", payload)
        if proto == 17 and 443 in (sport, dport) and dport == 443 and payload:
            put(out, "quic_initial", b"\x00" + b"\x00" * 8 + b"\x02" + struct.pack(">H", len(payload)) + payload)
        if proto == 6:
            server = min(sport, dport) if min(sport, dport) < 1024 else dport
            key = tuple(sorted([(sport), (dport)]))
            direction = 0 if dport == server else 1
            streams.setdefault(key, []).append((direction, seq, flags, payload))
    for key, segments in list(streams.items())[:20]:
        port = min(key)
        script = bytearray()
        reasm = bytearray(struct.pack(">II", 0, 0))
        first = {}
        for direction, seq, flags, payload in segments:
            first.setdefault(direction, seq)
            reasm += bytes([direction | 2 | 16 | (64 if flags & 2 else 0)])
            reasm += struct.pack(">I", (seq - first[direction]) & 0xFFFFFFFF)
            reasm += struct.pack(">H", len(payload)) + payload
            if payload:
                script += bytes([direction | 8]) + struct.pack(">H", len(payload)) + payload
        put(out, "tcp_reassembly", bytes(reasm))
        if not script:
            continue
        if port in (80, 8080, 3128):
            put(out, "http1", bytes(script))
            if b"Upgrade: websocket" in script or b"upgrade: websocket" in script:
                put(out, "websocket", b"\x00" + bytes(script))
        elif port == 443:
            put(out, "tls_client_hello", b"\x00\x00" + bytes(script))
        elif port == 1080:
            put(out, "socks", bytes(script))
        if b"PRI * HTTP/2.0" in script:
            put(out, "http2", b"\x00" + bytes(script))


def generated(out):
    """Seeds no fixture has: decompression bombs, framings, small documents of each body format."""
    zeros = b"\0" * (8 << 20)
    bomb_gz = gzip.compress(zeros, 9)
    bomb_zlib = zlib.compress(zeros, 9)
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    bomb_raw = raw.compress(zeros) + raw.flush()
    for codec, data in ((0, bomb_gz), (1, bomb_zlib), (2, bomb_raw)):
        put(out, "decode_compression", bytes([codec, 0, 20]) + data)
    put(out, "decode_body", bytes([0, 1, 0]) + gzip.compress(b'{"email":"a@b.org","n":[1,2,{"x":"eyJhIjoxfQ=="}]}'))
    put(out, "decode_body", bytes([0, 1, 0]) + bomb_gz)
    put(out, "decode_body", bytes([2, 0, 0]) + b'--XyZ\r\nContent-Disposition: form-data; name="f"; '
        b'filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\xe0\r\n--XyZ--\r\n')
    put(out, "decode_body", bytes([1, 0, 2]) + b"a=1&b=%7B%22c%22%3A2%7D&email=x%40y.org")
    put(out, "decode_body", bytes([7, 0, 0]) + bytes.fromhex("0a0568656c6c6f10961f1a03080102"))
    put(out, "decode_body", bytes([8, 0, 0]) + b"\x00\x00\x00\x00\x07\x0a\x05hello")
    put(out, "decode_json", b'{"a":[1,2.50,true,null,{"b":"\\u00e9\\ud83d\\ude00"}]}\n{"c":1}')
    put(out, "decode_protobuf", bytes.fromhex("0a0568656c6c6f10961f1a03080102210000000000004540"))
    put(out, "decode_form", b"a=1&b=two+words&c=%E2%82%AC&d")
    put(out, "decode_xml", b'<?xml version="1.0"?><r a="1"><b>t</b><![CDATA[x]]><c/></r>')
    put(out, "decode_plist", b"bplist00\xd1\x01\x02Qa\x10\x01\x08\x0b\x0d\x00\x00\x00\x00\x00\x00\x01\x01"
        b"\x00\x00\x00\x00\x00\x00\x00\x03\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x0f")
    put(out, "decode_multipart", b"\x1emultipart/form-data; boundary=b--b\r\nContent-Disposition: form-data; "
        b'name="x"\r\n\r\nv\r\n--b--\r\n')
    put(out, "decode_framing", b"\x14" + b"5\r\nhello\r\n0\r\n\r\n")
    put(out, "decode_framing", b"\x14" + b"\x00\x00\x00\x00\x05hello")
    put(out, "decode_framing", b"\x14" + b"\x81\x85\x37\xfa\x21\x3d\x7f\x9f\x4d\x51\x58")
    put(out, "decode_text", b"\x00eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl")
    put(out, "decode_text", b"\x01aGVsbG8gd29ybGQgZnJvbSBiYXNlNjQ=")
    put(out, "known_identifiers", b"\x00" + b'{"e":"zq7.reporter@example.org","p":"+16505550142","lat":37.4419,'
        b'"lng":-122.143,"h":"' + hashlib.sha256(b"zq7.reporter@example.org").hexdigest().encode() + b'"}')
    put(out, "identifiers_json", b'[{"label":"e","category":"identity.email","value":"a@b.org"},'
        b'{"label":"h","category":"location.precise","value":"37.4,-122.1"}]')
    put(out, "markers_csv", b"time,label,note\n2026-11-20T14:02:11Z,posted,first post\n"
        b"2026-11-20 14:05:00+01:00,draft,\"a, b\"\n")
    put(out, "http_message", b"\x00POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
    put(out, "http_message", b"\x01HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
    put(out, "http1", b"\x08\x00\x28GET / HTTP/1.1\r\nHost: a.example\r\n\r\n\x09\x00\x26HTTP/1.1 200 OK\r\n"
        b"Content-Length: 2\r\n\r\nok")
    put(out, "tnetstring", b"\xff\xff\x3f\x00" + b"35:4:name,5:alice,3:age,2:30#4:tags,0:]}")
    put(out, "dns", bytes.fromhex("abcd81800001000100000000076578616d706c6503636f6d0000010001c00c0001000100000e10"
        "00045db8d822"))
    put(out, "hpack", b"\x08\x04\x82\x86\x84\x41\x8a\x08\x9d\x5c\x0b\x81\x70\xdc\x78\x0f\x03")
    put(out, "http2", b"\x01\x08\x00\x09" + b"\x00\x00\x00\x04\x00\x00\x00\x00\x00")
    put(out, "quic_initial", b"\x00" + b"\x83\x94\xc8\xf0\x3e\x51\x57\x08" + b"\x01\x20"
        + b"\x06\x00\x40\x1c\x01\x00\x00\x18\x03\x03" + b"\x00" * 20)
    put(out, "socks", b"\x08\x00\x03\x05\x01\x00\x09\x00\x02\x05\x00\x08\x00\x0f\x05\x01\x00\x03\x09example.org"
        b"\x00\x50")
    put(out, "pcapdroid", struct.pack(">II", 0x01072021, 10123) + b"com.example.app\0\0\0\0\0")


def archives(out):
    """SAZ (Fiddler) archives: a zip of raw/<n>_c.txt, _s.txt and _m.xml per session."""
    import io
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("raw/1_c.txt", b"GET http://a.example/ HTTP/1.1\r\nHost: a.example\r\n\r\n")
        z.writestr("raw/1_s.txt", b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        z.writestr("raw/1_m.xml", b'<Session SID="1"><SessionTimers ClientBeginRequest="2026-11-20T14:00:00Z"/>'
                   b'<SessionFlags><SessionFlag N="x-processinfo" V="app:1"/></SessionFlags></Session>')
        z.writestr("raw/2_c.txt", b"POST https://b.example/u HTTP/1.1\r\nHost: b.example\r\n"
                   b"Content-Length: 3\r\n\r\nabc")
    put(out, "saz", buf.getvalue())
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as z:
        z.writestr("raw/1_c.txt", b"GET / HTTP/1.1\r\nHost: s.example\r\n\r\n")
    put(out, "saz", stored.getvalue())


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "build" / "fuzz" / "seeds")
    out.mkdir(parents=True, exist_ok=True)
    for target, (globs, prefix) in BY_FORMAT.items():
        for src in sources():
            for pattern in globs:
                for f in sorted(src.glob(pattern)):
                    if f.is_file() and f.suffix not in (".py", ".md", ".tsv"):
                        put(out, target, prefix + f.read_bytes()[:MAX_SEED])
    for src in sources():
        for f in sorted(list(src.glob("pcap/*.pcap")) + list(src.glob("pcap/*.pcap.gz"))):
            try:
                packet_seeds(out, f)
            except (OSError, struct.error, ValueError, EOFError):
                pass  # a damaged fixture (some are damaged on purpose): no seeds from it
    generated(out)
    archives(out)
    targets = [t for t in (ROOT / "fuzz" / "targets.txt").read_text().split() if t]
    for t in targets:
        (out / t).mkdir(parents=True, exist_ok=True)
        if not any((out / t).iterdir()):
            put(out, t, b"\0")
    print(" ".join(f"{t}:{len(list((out / t).iterdir()))}" for t in targets))


if __name__ == "__main__":
    main()
