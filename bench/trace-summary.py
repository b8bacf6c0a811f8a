#!/usr/bin/env python3
"""Where a renderer's main thread spent a Chromium trace (bench/run.sh --trace FILE): self time per event name.

usage: python3 bench/trace-summary.py FILE [TOP]
Only complete events ('X') on threads named CrRendererMain count; an event's self time is its duration less that of
the events nested in it on the same thread. The renderer shown is the one that ran the most script from an http(s)
page: the traced page's, not one of Chromium's own chrome:// pages that a headless browser also keeps busy.
"""
import json
import sys
from collections import defaultdict


def main(path, top):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    events = data["traceEvents"] if isinstance(data, dict) else data
    main_threads = {(e["pid"], e["tid"]) for e in events
                    if e.get("ph") == "M" and e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"}
    by_thread = defaultdict(list)
    for e in events:
        if e.get("ph") == "X" and (e["pid"], e["tid"]) in main_threads and "dur" in e:
            by_thread[(e["pid"], e["tid"])].append(e)
    if not by_thread:
        sys.exit("no renderer main-thread events in " + path)
    def page_script(item):
        return sum(e["dur"] for e in item[1] if e["name"] == "FunctionCall"
                   and str(e.get("args", {}).get("data", {}).get("url", "")).startswith("http"))

    thread, spans = max(by_thread.items(), key=page_script)
    spans.sort(key=lambda e: (e["ts"], -e["dur"]))
    self_time = defaultdict(float)
    stack = []
    for e in spans:
        while stack and e["ts"] >= stack[-1]["ts"] + stack[-1]["dur"]:
            stack.pop()
        if stack:
            self_time[stack[-1]["name"]] -= e["dur"]
        self_time[e["name"]] += e["dur"]
        stack.append(e)
    first = min(e["ts"] for e in spans)
    last = max(e["ts"] + e["dur"] for e in spans)
    tasks = sum(e["dur"] for e in spans if e["name"] == "RunTask")
    print(f"renderer main thread {thread}: {(last - first) / 1000:.1f} ms traced, {tasks / 1000:.1f} ms in tasks")
    for name, micros in sorted(self_time.items(), key=lambda item: -item[1])[:top]:
        print(f"{micros / 1000:8.2f} ms  {name}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 25)
