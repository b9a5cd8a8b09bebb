#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Leakscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Validate resources/data/entities.json, the project's CC0 domain -> company list.

    scripts/check-entities.py [FILE] [--psl PATH] [--format] [--quiet]

Checks the JSON shape, unique and well-formed ids, that every parent exists and no parent chain loops,
ISO 3166-1 alpha-2 codes, category ids, and that every domain is lowercase ASCII (punycode for IDNs),
listed once in the whole file, sorted, and is itself a registrable domain (eTLD+1) under the ICANN
section of the Public Suffix List. Domains that the PSL's *private* section treats as suffixes
(cloudfront.net, github.io, ...) are allowed on purpose: ownership is matched at ICANN level.

--format rewrites FILE canonically (entities sorted by id, domains sorted, 2-space indent, UTF-8) before
checking, so an editor only has to add an entry anywhere and run this once.

Exit status: 0 when valid, 1 when any error was found, 2 on usage or I/O problems.
Python 3 standard library only, so it runs on a bare CI machine.
"""

import argparse
import collections
import json
import os
import re
import sys

DEFAULT_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "resources", "data",
                            "entities.json")
PSL_PATHS = ["/usr/share/publicsuffix/public_suffix_list.dat"]
ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"

# ISO 3166-1 alpha-2 (iso-codes 4.15). Used when the Debian iso-codes file is absent.
ISO_ALPHA2 = set("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW
BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI
FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN
IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF
PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE
YT ZA ZM ZW""".split())

CATEGORIES = ["advertising", "analytics", "attribution", "social", "cdn_hosting", "cloud", "app_platform",
              "crash_reporting", "consent", "payments", "search", "messaging", "video_streaming", "ecommerce",
              "telecom", "security", "maps_location", "customer_engagement", "other"]

TOP_KEYS = ["name", "version", "license", "description", "categories", "entities"]
ENTITY_KEYS = ["id", "display_name", "legal_name", "parent", "hq_country", "legal_domicile", "category",
               "domains", "source_note"]
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LABEL_RE = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
VERSION_RE = re.compile(r"^\d{4}\.\d{2}\.\d{2}$")


class PublicSuffixList:
    """The ICANN section of the PSL, with the standard rule algorithm (wildcards, exceptions, default '*').

    Hand-written rather than using python3-publicsuffix2 because that module is not always installed and
    mixes private rules in by default; this check needs ICANN rules only."""

    def __init__(self, path):
        self.rules = set()
        self.wildcards = set()
        self.exceptions = set()
        self.private = set()
        section = None
        with open(path, encoding="utf-8") as f:
            for raw in f:
                line = raw.strip()
                if line.startswith("// ===BEGIN ICANN DOMAINS==="):
                    section = "icann"
                elif line.startswith("// ===BEGIN PRIVATE DOMAINS==="):
                    section = "private"
                if not line or line.startswith("//"):
                    continue
                rule = line.split()[0].lower()
                try:
                    rule = rule.encode("idna").decode("ascii") if not rule.isascii() else rule
                except UnicodeError:
                    continue
                if section == "private":
                    self.private.add(rule.lstrip("!*."))
                    continue
                if section != "icann":
                    continue
                if rule.startswith("!"):
                    self.exceptions.add(rule[1:])
                elif rule.startswith("*."):
                    self.wildcards.add(rule[2:])
                else:
                    self.rules.add(rule)

    def suffix_len(self, labels):
        """Number of labels in the ICANN public suffix of `labels` (at least 1: the default rule)."""
        best = 1
        for i in range(len(labels)):
            cand = ".".join(labels[i:])
            n = len(labels) - i
            if cand in self.exceptions:
                return n - 1
            if cand in self.rules:
                best = max(best, n)
            parent = ".".join(labels[i + 1:])
            if i + 1 < len(labels) and parent in self.wildcards:
                best = max(best, n)
        return best

    def registrable(self, domain):
        labels = domain.split(".")
        n = self.suffix_len(labels)
        if n >= len(labels):
            return None  # the name is itself a public suffix
        return ".".join(labels[-(n + 1):])


def load_iso():
    try:
        with open(ISO_JSON, encoding="utf-8") as f:
            return {c["alpha_2"] for c in json.load(f)["3166-1"]}
    except (OSError, ValueError, KeyError):
        return ISO_ALPHA2


def canonical(doc):
    doc = dict(doc)
    ents = []
    for e in doc.get("entities", []):
        e = dict(e)
        if isinstance(e.get("domains"), list):
            e["domains"] = sorted(set(e["domains"]))
        ents.append(e)
    doc["entities"] = sorted(ents, key=lambda e: str(e.get("id", "")))
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def check(doc, psl, iso):
    errors = []
    warnings = []

    def err(msg):
        errors.append(msg)

    if not isinstance(doc, dict):
        return ["top level: expected a JSON object"], warnings, {}
    if list(doc.keys()) != TOP_KEYS:
        err("top level: keys must be exactly %s in that order, found %s" % (TOP_KEYS, list(doc.keys())))
    for k in ("name", "version", "license", "description"):
        if not isinstance(doc.get(k), str) or not doc.get(k):
            err("top level: '%s' must be a non-empty string" % k)
    if isinstance(doc.get("version"), str) and not VERSION_RE.match(doc["version"]):
        err("top level: 'version' must look like YYYY.MM.DD, found %r" % doc["version"])
    if doc.get("license") != "CC0-1.0":
        err("top level: 'license' must be CC0-1.0")
    cats = doc.get("categories")
    if not isinstance(cats, dict):
        err("top level: 'categories' must be an object")
        cats = {}
    if sorted(cats.keys()) != sorted(CATEGORIES):
        missing = sorted(set(CATEGORIES) - set(cats))
        extra = sorted(set(cats) - set(CATEGORIES))
        err("categories: must be exactly the %d project ids (missing %s, unknown %s)"
            % (len(CATEGORIES), missing, extra))
    for k, v in cats.items():
        if not isinstance(v, str) or not v:
            err("categories: '%s' needs a non-empty description" % k)
    ents = doc.get("entities")
    if not isinstance(ents, list):
        err("top level: 'entities' must be an array")
        return errors, warnings, {}

    by_id = {}
    owner = {}
    prev_id = None
    for n, e in enumerate(ents):
        where = "entity %d" % n
        if not isinstance(e, dict):
            err("%s: expected an object" % where)
            continue
        eid = e.get("id")
        if isinstance(eid, str):
            where = "entity %d (%s)" % (n, eid)
        if list(e.keys()) != ENTITY_KEYS:
            err("%s: keys must be exactly %s in that order, found %s" % (where, ENTITY_KEYS, list(e.keys())))
        if not isinstance(eid, str) or not ID_RE.match(eid):
            err("%s: id must match [a-z0-9]+(-[a-z0-9]+)*" % where)
            continue
        if eid in by_id:
            err("%s: duplicate id" % where)
        by_id[eid] = e
        if prev_id is not None and eid < prev_id:
            err("%s: entities must be sorted by id (comes after '%s'); run with --format" % (where, prev_id))
        prev_id = eid
        for k in ("display_name", "legal_name", "source_note"):
            v = e.get(k)
            if not isinstance(v, str) or not v.strip() or v != v.strip():
                err("%s: '%s' must be a non-empty string without surrounding blanks" % (where, k))
        parent = e.get("parent")
        if parent is not None and not isinstance(parent, str):
            err("%s: 'parent' must be an id or null" % where)
        if parent == eid:
            err("%s: entity is its own parent" % where)
        for k in ("hq_country", "legal_domicile"):
            v = e.get(k)
            if not isinstance(v, str) or v not in iso:
                err("%s: '%s' must be an ISO 3166-1 alpha-2 code, found %r" % (where, k, v))
        if e.get("category") not in CATEGORIES:
            err("%s: unknown category %r" % (where, e.get("category")))
        doms = e.get("domains")
        if not isinstance(doms, list) or not doms:
            err("%s: 'domains' must be a non-empty array" % where)
            continue
        if doms != sorted(doms):
            err("%s: domains must be sorted; run with --format" % where)
        for d in doms:
            if not isinstance(d, str):
                err("%s: domain %r is not a string" % (where, d))
                continue
            problem = domain_problem(d, psl)
            if problem:
                err("%s: domain '%s' %s" % (where, d, problem))
            if d in owner:
                if owner[d] == eid:
                    err("%s: domain '%s' listed twice" % (where, d))
                else:
                    err("%s: domain '%s' is also listed under '%s'" % (where, d, owner[d]))
            else:
                owner[d] = eid
            if psl is not None and d in psl.private:
                warnings.append(d)

    # Parents must exist, and following parents must end at a root (no cycles).
    for eid, e in by_id.items():
        parent = e.get("parent")
        if isinstance(parent, str) and parent not in by_id:
            err("entity '%s': parent '%s' is not an entity in this file" % (eid, parent))
    for eid in by_id:
        seen = [eid]
        cur = by_id[eid].get("parent")
        while isinstance(cur, str) and cur in by_id:
            if cur in seen:
                err("entity '%s': parent chain loops (%s)" % (eid, " -> ".join(seen + [cur])))
                break
            seen.append(cur)
            cur = by_id[cur].get("parent")

    stats = {
        "entities": len(by_id),
        "parents": sum(1 for e in by_id.values() if e.get("parent") is None),
        "subsidiaries": sum(1 for e in by_id.values() if e.get("parent") is not None),
        "domains": len(owner),
        "categories": collections.Counter(e.get("category") for e in by_id.values()),
        "hq": collections.Counter(e.get("hq_country") for e in by_id.values() if e.get("parent") is None),
        "hq_ne_domicile": sum(1 for e in by_id.values() if e.get("hq_country") != e.get("legal_domicile")),
    }
    return errors, warnings, stats


def domain_problem(d, psl):
    if d != d.strip() or d != d.lower():
        return "must be lowercase without blanks"
    if not d.isascii():
        return "must be ASCII (write IDNs in punycode, xn--...)"
    if d.endswith(".") or d.startswith("."):
        return "must not start or end with a dot"
    labels = d.split(".")
    if len(labels) < 2:
        return "is a bare TLD, not a registrable domain"
    for label in labels:
        if not LABEL_RE.match(label):
            return "has an invalid label '%s'" % label
    if re.fullmatch(r"[0-9.]+", d):
        return "is an IP address, not a domain"
    tld = labels[-1]
    if not (tld.isalpha() or tld.startswith("xn--")):
        return "has an invalid top-level label '%s'" % tld
    if psl is not None:
        reg = psl.registrable(d)
        if reg is None:
            return "is itself an ICANN public suffix"
        if reg != d:
            return "is not a registrable domain (its eTLD+1 is '%s')" % reg
    return None


def main(argv):
    ap = argparse.ArgumentParser(description="Validate the Leakscope entity list.")
    ap.add_argument("file", nargs="?", default=DEFAULT_FILE)
    ap.add_argument("--psl", help="public_suffix_list.dat to check eTLD+1 against (default: the Debian copy)")
    ap.add_argument("--format", action="store_true", help="rewrite FILE canonically before checking")
    ap.add_argument("--quiet", action="store_true", help="print errors only")
    args = ap.parse_args(argv)

    try:
        with open(args.file, encoding="utf-8") as f:
            text = f.read()
        doc = json.loads(text)
    except OSError as e:
        print("error: cannot read %s: %s" % (args.file, e), file=sys.stderr)
        return 2
    except ValueError as e:
        print("error: %s is not valid JSON: %s" % (args.file, e), file=sys.stderr)
        return 1

    if args.format:
        out = canonical(doc)
        if out != text:
            with open(args.file, "w", encoding="utf-8") as f:
                f.write(out)
            doc = json.loads(out)
            text = out
            if not args.quiet:
                print("rewrote %s canonically" % args.file)
    psl = None
    psl_path = args.psl or next((p for p in PSL_PATHS if os.path.exists(p)), None)
    if psl_path:
        try:
            psl = PublicSuffixList(psl_path)
        except OSError as e:
            print("error: cannot read %s: %s" % (psl_path, e), file=sys.stderr)
            return 2
    elif not args.quiet:
        print("note: no public_suffix_list.dat found; checking domain syntax only")

    errors, private, stats = check(doc, psl, load_iso())
    if not args.format and isinstance(doc, dict) and canonical(doc) != text:
        errors.append("file is not in canonical form (sorted, 2-space indent, trailing newline); "
                      "run with --format")
    for e in errors:
        print("error: " + e)
    if not args.quiet and stats:
        print("entities: %d (parents: %d, subsidiaries: %d), domains: %d"
              % (stats["entities"], stats["parents"], stats["subsidiaries"], stats["domains"]))
        print("entities whose hq_country differs from legal_domicile: %d" % stats["hq_ne_domicile"])
        print("by category: " + ", ".join("%s %d" % kv for kv in sorted(stats["categories"].items())))
        print("parents by hq_country: " + ", ".join("%s %d" % kv for kv in stats["hq"].most_common()))
        if psl is not None:
            print("domains that the PSL private section treats as suffixes (listed under their operator): %d"
                  % len(private))
    if errors:
        print("%d error(s)" % len(errors))
        return 1
    if not args.quiet:
        print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
