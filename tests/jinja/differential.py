#!/usr/bin/env python3
"""Differential test: renders a corpus of templates with Python's Jinja2 (the
reference, configured as SA-Eventgen configures it) and with Eventgen's engine
(the jinja_render tool), and requires identical output. A template Jinja2 rejects
must be rejected by ours too.

Random choices are made identical by giving Jinja2 a `random` filter that draws from
the same xoshiro256** stream (seeded per case) as Eventgen's engine. The time tags
use a fixed "now" and TZ=UTC.

Corpus files (tests/jinja/corpus/*.jinja) hold many cases:
    === case name
    template text...
    --- file other.txt        (optional extra templates the case can include/import)
    text...
    --- vars {"x": 1}         (optional extra variables, JSON on one line)
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

os.environ["TZ"] = "UTC"
import time  # noqa: E402

time.tzset()

import jinja2  # noqa: E402
from jinja2 import nodes  # noqa: E402
from jinja2.ext import Extension  # noqa: E402

MASK = (1 << 64) - 1
NOW = 1700000000.25


class Xoshiro:
    """The same generator as src/common/rng.h (splitmix64 seeding, Lemire bounds)."""

    def __init__(self, seed):
        s = seed & MASK
        self.s = []
        for _ in range(4):
            s = (s + 0x9E3779B97F4A7C15) & MASK
            z = s
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            self.s.append(z ^ (z >> 31))

    @staticmethod
    def _rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & MASK

    def next(self):
        s = self.s
        result = (self._rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self._rotl(s[3], 45)
        return result

    def below(self, bound):
        m = self.next() * bound
        low = m & MASK
        if low < bound:
            threshold = ((1 << 64) - bound) % bound
            while low < threshold:
                m = self.next() * bound
                low = m & MASK
        return m >> 64


class TimeTags(Extension):
    """SA-Eventgen's time tags (time_now, time_slice) with a fixed clock, plus
    Eventgen's time_delta, written for this test from SA-Eventgen's documentation."""

    tags = {"time_now", "time_slice", "time_delta"}

    def parse(self, parser):
        tag = parser.stream.current.value
        lineno = next(parser.stream).lineno
        args, kwargs = [], []
        while parser.stream.current.type != "block_end":
            if args or kwargs:
                parser.stream.expect("comma")
            if parser.stream.current.type == "name" and parser.stream.look().type == "assign":
                key = parser.stream.current.value
                parser.stream.skip(2)
                kwargs.append(nodes.Keyword(key, parser.parse_expression(), lineno=lineno))
            else:
                args.append(parser.parse_expression())
        base = {"time_now": "time_now", "time_slice": "time_target", "time_delta": "time_delta"}[tag]
        # The arguments are evaluated once (SA-Eventgen evaluates them once per variable,
        # so a random count could give an _epoch and a _formatted that disagree).
        call = self.call_method("_%s_both" % tag, args=args, kwargs=kwargs, lineno=lineno)
        target = nodes.Tuple([nodes.Name(base + "_epoch", "store"), nodes.Name(base + "_formatted", "store")], "store")
        return [nodes.Assign(target, call, lineno=lineno)]

    def _time_now_both(self, *a, **k):
        return self._time_now_epoch(*a, **k), self._time_now_formatted(*a, **k)

    def _time_slice_both(self, *a, **k):
        return self._time_slice_epoch(*a, **k), self._time_slice_formatted(*a, **k)

    def _time_delta_both(self, *a, **k):
        return self._time_delta_epoch(*a, **k), self._time_delta_formatted(*a, **k)

    @staticmethod
    def _fmt(epoch, date_format):
        import datetime

        return datetime.datetime.fromtimestamp(epoch).strftime(date_format)

    def _time_now_epoch(self, date_format=None):
        return float(int(NOW))

    def _time_now_formatted(self, date_format="%Y-%m-%dT%H:%M:%S%z"):
        return self._fmt(self._time_now_epoch(), date_format)

    def _time_slice_epoch(self, earliest, latest, count, slices, date_format=None):
        earliest, latest = float(earliest), float(latest)
        size = (latest - earliest) / int(slices)
        return (size * int(count)) + earliest

    def _time_slice_formatted(self, earliest, latest, count, slices, date_format="%Y-%m-%dT%H:%M:%S%z"):
        return self._fmt(self._time_slice_epoch(earliest, latest, count, slices), date_format)

    def _time_delta_epoch(self, earliest=None, delta=0, date_format=None):
        return (float(int(NOW)) if earliest is None else float(earliest)) + float(delta)

    def _time_delta_formatted(self, earliest=None, delta=0, date_format="%Y-%m-%dT%H:%M:%S%z"):
        return self._fmt(self._time_delta_epoch(earliest, delta), date_format)


BASE_VARS = {
    "n": 7, "m": -3, "f": 2.5, "big": 123456789, "s": "Hello World", "empty": "",
    "words": ["alpha", "Beta", "gamma", "delta", "beta"], "nums": [3, 1, 4, 1, 5, 9, 2, 6],
    "floats": [1.5, 2.25, -0.5], "mixed": [1, "two", 3.0, None, True],
    "user": {"name": "alice", "id": 42, "roles": ["admin", "dev"], "address": {"city": "Paris"}},
    "users": [{"name": "bob", "age": 31, "active": True}, {"name": "carol", "age": 25, "active": False},
              {"name": "dave", "age": 40, "active": True}],
    "flag": True, "nothing": None, "html": "<a href=\"x\">Tom & 'Jerry'</a>",
    "text": "The quick brown fox jumps over the lazy dog. It barked!",
    "large_number": 3, "userIDRange": 500, "userMessage": "mockMessage", "sender": "mockSender",
    "eventgen_count": 0, "eventgen_maxcount": 5, "eventgen_earliest": "2023-11-14 22:13:17",
    "eventgen_earliest_epoch": 1699999997.0, "eventgen_latest": "2023-11-14 22:13:20",
    "eventgen_latest_epoch": 1700000000.0,
}


def load_corpus(corpus_dir):
    cases = []
    for fname in sorted(os.listdir(corpus_dir)):
        if not fname.endswith(".jinja"):
            continue
        current = None
        section = None
        with open(os.path.join(corpus_dir, fname), encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        for line in lines:
            if line.startswith("=== "):
                current = {"name": "%s/%s" % (fname[:-6], line[4:].strip()), "files": {"main.txt": []}, "vars": {}}
                section = "main.txt"
                cases.append(current)
            elif current is not None and line.startswith("--- file "):
                section = line[9:].strip()
                current["files"][section] = []
            elif current is not None and line.startswith("--- vars "):
                current["vars"].update(json.loads(line[9:]))
            elif current is not None:
                current["files"][section].append(line)
        for c in cases:
            if isinstance(next(iter(c["files"].values())), list):
                c["files"] = {k: "\n".join(v).rstrip("\n") + "\n" for k, v in c["files"].items()}
    return cases


def make_env(directory, rng_holder):
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([directory]),
        extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols", TimeTags],
        line_statement_prefix="#", line_comment_prefix="##")

    # pass_context keeps Jinja2 from evaluating `[1, 2]|random` once at compile time
    # (constant folding): Eventgen draws on every render, as users expect.
    @jinja2.pass_context
    def random_filter(_ctx, seq):
        seq = list(seq) if not isinstance(seq, (list, tuple, str, range)) else seq
        if len(seq) == 0:
            raise IndexError("Cannot choose from an empty sequence")
        return seq[rng_holder[0].below(len(seq))]

    env.filters["random"] = random_filter
    return env


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--render", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--sa-templates", required=True)
    ap.add_argument("--min-cases", type=int, default=200)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    cases = load_corpus(args.corpus)
    with tempfile.TemporaryDirectory(prefix="jinja-diff-") as tmp:
        manifest = []
        for i, c in enumerate(cases):
            d = os.path.join(tmp, "case%04d" % i)
            os.makedirs(d)
            for name, text in c["files"].items():
                path = os.path.join(d, name)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(text)
            v = dict(BASE_VARS)
            v.update(c["vars"])
            manifest.append({"name": c["name"], "dir": d, "main": "main.txt", "vars": v, "seed": 1000 + i, "now": NOW})
        # SA-Eventgen's own templates, each rendered from its folder.
        for root, _, files in os.walk(args.sa_templates):
            for f in sorted(files):
                rel = os.path.relpath(os.path.join(root, f), args.sa_templates)
                manifest.append({"name": "sa-eventgen/" + rel, "dir": root, "main": f, "vars": dict(BASE_VARS),
                                 "seed": 7 + len(manifest), "now": NOW})

        expected = {}
        for c in manifest:
            holder = [Xoshiro(c["seed"])]
            env = make_env(c["dir"], holder)
            try:
                expected[c["name"]] = ("output", env.get_template(c["main"]).render(**c["vars"]))
            except Exception as e:  # any Jinja2 or Python error: ours must fail too
                expected[c["name"]] = ("error", "%s: %s" % (type(e).__name__, e))

        mf = os.path.join(tmp, "cases.json")
        with open(mf, "w", encoding="utf-8") as fh:
            json.dump({"cases": manifest}, fh)
        proc = subprocess.run([args.render, mf], capture_output=True, text=True, timeout=240)
        if proc.returncode != 0:
            print("jinja_render failed (%d): %s" % (proc.returncode, proc.stderr), file=sys.stderr)
            return 1
        got = {}
        for line in proc.stdout.splitlines():
            r = json.loads(line)
            got[r["name"]] = ("output", r["output"]) if "output" in r else ("error", r["error"])

    failures = 0
    outputs = errors = 0
    for c in manifest:
        name = c["name"]
        want, have = expected[name], got.get(name, ("error", "missing result"))
        if want[0] == "output":
            outputs += 1
        else:
            errors += 1
        ok = want[0] == have[0] and (want[0] == "error" or want[1] == have[1])
        if not ok:
            failures += 1
            print("MISMATCH %s\n  jinja2:   %r\n  eventgen: %r" % (name, want, have))
        elif args.verbose:
            print("ok %s (%s)" % (name, want[0]))
    total = len(manifest)
    print("%d templates: %d rendered, %d rejected by both; %d mismatches" % (total, outputs, errors, failures))
    if total < args.min_cases:
        print("corpus too small: %d < %d" % (total, args.min_cases))
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
