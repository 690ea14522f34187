#!/usr/bin/env python3
"""Measures the real app in its window under Xvfb, against an empty Tauri window measured the same
way: time from process start to the library painted, proportional set size (PSS) of all the
app's processes, and the time each save takes from the page to the committed store.

Run by scripts/bench.sh, which builds both binaries first; see docs/PERFORMANCE.md ("The app").

How it measures:

- Start: each start runs in a fresh Xvfb with a fresh WebKitWebDriver, as the end-to-end tests do.
  The app sets the performance mark `debrief:library-shown` in the second animation frame after
  the library list is in the page (ui/src/lib/timing.ts), that is once that frame has been drawn;
  the empty window sets the same mark the same way once its one page is in. The empty window is
  measured twice: as it comes, and with WEBKIT_DISABLE_COMPOSITING_MODE=1, the setting the app
  makes for itself (src-tauri/lib.rs). The page's clock
  (`performance.timeOrigin + mark.startTime`, milliseconds since the epoch) is compared with the
  moment the kernel started the process (/proc/PID/stat, in clock ticks since boot, turned into
  the epoch with CLOCK_BOOTTIME), so neither WebDriver's polling nor its session set-up is counted;
  the resolution is one clock tick (10 ms). The first start of each binary warms the page cache
  and is not counted; it is closed once the app's work after a start has ended (the check of the
  file, the day's backup, the readiness scores of the first page kept for the next start), so
  the measured starts are of a library that has been opened before.
- Memory: the sum of `Pss` in /proc/PID/smaps_rollup over the process and all its descendants
  (WebKitWebProcess, WebKitNetworkProcess and any helper), read SETTLE seconds after the mark.
- Disk syncs: as many syncs as saves, each a 4 KiB page appended to a file in the library's
  folder and then fsync, as SQLite commits to its write-ahead log: the part of every save that
  the disk decides (the store syncs each commit, so that a saved edit survives a power cut).
- Saves: once the check of the library's file that follows the start has ended (its thread is
  gone: until then writes wait for it, by design), a report of the library is opened and, once
  it has been shown for EDITOR_SETTLE seconds, one key is typed at a time; after each key the
  bench waits for the save to be acknowledged. The page records, for every save, the time from the
  save command leaving the page to the store's answer that it committed (the `debrief:save`
  measure, ui/src/lib/timing.ts). The autosave waits 300 ms after the last key before it saves, by
  design; that pause comes on top of these figures.

Prints one JSON object on standard output; progress goes to standard error.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

MARK = "debrief:library-shown"
SAVE = "debrief:save"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
START_TIMEOUT = 90.0
STEP_TIMEOUT = 20.0
# Seconds between a report being shown and the first key typed into it.
EDITOR_SETTLE = 2.0
# The thread that checks the library's file after the start (src-tauri/lib.rs, CHECK_THREAD).
CHECK_THREAD = "library-check"


def log(message):
    print(message, file=sys.stderr, flush=True)


class Failure(Exception):
    pass


def wait(timeout, what, check, interval=0.01):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise Failure(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def free_port():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        return listener.getsockname()[1]


class Driver:
    """Xvfb and WebKitWebDriver in a process group of their own; the app runs inside it."""

    def __init__(self, environment):
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
        display = self.xvfb.stdout.readline().decode().strip()
        if not display.isdigit():
            self.xvfb.kill()
            raise Failure(f"Xvfb did not report its display (it wrote {display!r})")
        port = free_port()
        env = dict(os.environ, DISPLAY=f":{display}", TAURI_WEBVIEW_AUTOMATION="true", **environment)
        driver = os.environ.get("WEBKIT_WEBDRIVER", "/usr/bin/WebKitWebDriver")
        self.process = subprocess.Popen(
            [driver, f"--port={port}", "--host=127.0.0.1"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            process_group=0,
        )
        self.base = f"http://127.0.0.1:{port}"
        self.session = None

        def ready():
            try:
                return self.send("GET", "/status")["ready"] is True
            except (OSError, Failure, KeyError, TypeError):
                return False

        wait(START_TIMEOUT, "WebKitWebDriver to answer", ready, 0.05)

    def send(self, method, path, body=None):
        data = None if body is None and method != "POST" else json.dumps(body or {}).encode()
        request = urllib.request.Request(
            self.base + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=START_TIMEOUT) as response:
                return json.load(response).get("value")
        except urllib.error.HTTPError as error:
            raise Failure(f"{method} {path}: {error.code}: {error.read()[:300]!r}") from error

    def start(self, binary):
        """Starts `binary` in a new session; returns the epoch second the request was sent."""
        sent = time.time()
        value = self.send(
            "POST",
            "/session",
            {"capabilities": {"alwaysMatch": {"webkitgtk:browserOptions": {"binary": binary, "args": []}}}},
        )
        self.session = value["sessionId"]
        return sent

    def call(self, method, path, body=None):
        return self.send(method, f"/session/{self.session}{path}", body)

    def run(self, script, *args):
        return self.call("POST", "/execute/sync", {"script": script, "args": list(args)})

    def find(self, css):
        value = self.call("POST", "/element", {"using": "css selector", "value": css})
        return next(iter(value.values()))

    def wait_for(self, css, timeout=STEP_TIMEOUT):
        def found():
            try:
                return self.find(css)
            except Failure:
                return None

        return wait(timeout, f"an element matching {css}", found, 0.05)

    def click(self, element):
        self.call("POST", f"/element/{element}/click")

    def keys(self, element, text):
        self.call("POST", f"/element/{element}/value", {"text": text})

    def close(self):
        if self.session is not None:
            try:
                self.call("DELETE", "")
            except (OSError, Failure):
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        self.xvfb.kill()
        self.xvfb.wait()


def stat_fields(pid):
    """The fields of /proc/PID/stat after the command name (state is the first)."""
    with open(f"/proc/{pid}/stat") as file:
        text = file.read()
    return text[text.rindex(")") + 2 :].split()


def processes():
    for name in os.listdir("/proc"):
        if name.isdigit():
            yield int(name)


def find_app(group, binary):
    wanted = os.path.realpath(binary)
    for pid in processes():
        try:
            if int(stat_fields(pid)[2]) == group and os.readlink(f"/proc/{pid}/exe") == wanted:
                return pid
        except (OSError, ValueError, IndexError):
            continue
    return None


def descendants(root):
    parents = {}
    for pid in processes():
        try:
            parents[pid] = int(stat_fields(pid)[1])
        except (OSError, ValueError, IndexError):
            continue
    tree = [root]
    for pid in sorted(parents):
        ancestor = parents.get(pid)
        seen = 0
        while ancestor is not None and ancestor > 1 and seen < 64:
            if ancestor == root:
                tree.append(pid)
                break
            ancestor = parents.get(ancestor)
            seen += 1
    return tree


def has_thread(pid, name):
    """Whether the process `pid` has a thread called `name`."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return False
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/comm") as file:
                if file.read().strip() == name:
                    return True
        except OSError:
            continue
    return False


def pss_kib(pid):
    with open(f"/proc/{pid}/smaps_rollup") as file:
        for line in file:
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


def command_name(pid):
    with open(f"/proc/{pid}/comm") as file:
        return file.read().strip()


def started_at(pid):
    """The epoch second the kernel started `pid`, to one clock tick."""
    ticks = int(stat_fields(pid)[19])
    boot = time.time() - time.clock_gettime(time.CLOCK_BOOTTIME)
    return boot + ticks / CLOCK_TICKS


def shown_at(driver):
    value = driver.run(
        "const marks = performance.getEntriesByName(arguments[0], 'mark');"
        "return marks.length === 0 ? null : performance.timeOrigin + marks[0].startTime;",
        MARK,
    )
    return value


def one_start(binary, environment, settle, finish_start_up=False):
    """One start of `binary`: seconds from process start to the mark, and the PSS afterwards.
    With `finish_start_up`, the window is closed only once the app's work after a start (the
    check of the library's file, the day's backup, the readiness scores kept for the next start)
    has ended, as when someone has used the library before."""
    driver = Driver(environment)
    try:
        sent = driver.start(binary)
        pid = wait(STEP_TIMEOUT, "the app's process", lambda: find_app(driver.process.pid, binary))
        process_start = started_at(pid)
        mark = wait(START_TIMEOUT, "the ready mark", lambda: shown_at(driver), 0.02) / 1000.0
        time.sleep(settle)
        tree = descendants(pid)
        memory = {}
        for member in tree:
            try:
                name = command_name(member)
                memory[name] = memory.get(name, 0) + pss_kib(member)
            except OSError:
                continue
        result = {
            "start_s": mark - process_start,
            "request_to_mark_s": mark - sent,
            "pss_kib": sum(memory.values()),
            "pss_by_process_kib": memory,
        }
        if finish_start_up:
            wait(START_TIMEOUT, "the app's work after the start", lambda: not has_thread(pid, CHECK_THREAD), 0.1)
        return result
    finally:
        driver.close()


def saves(binary, environment, count):
    """Types `count` keys into a report's title, one save each; the page's save measures in ms."""
    driver = Driver(environment)
    try:
        driver.start(binary)
        wait(START_TIMEOUT, "the ready mark", lambda: shown_at(driver), 0.05)
        pid = wait(STEP_TIMEOUT, "the app's process", lambda: find_app(driver.process.pid, binary))
        # Saves wait for the check of the library's file that runs after the start; the figures
        # are of editing, once it has ended (see docs/PERFORMANCE.md).
        wait(START_TIMEOUT, "the check of the library's file", lambda: not has_thread(pid, CHECK_THREAD), 0.05)
        driver.click(driver.wait_for("[data-testid=report-open]"))
        driver.wait_for("[data-testid=editor]")
        # The report opens on the step it was left at: go to the first, which holds the title.
        driver.click(driver.wait_for("[data-testid=step-basics]"))
        driver.wait_for("[data-testid=step-section][data-step=basics][data-shown=true]")
        title = driver.wait_for("[data-testid=title-input]")
        driver.click(title)
        # The editor's first render and first checks keep both processors busy for about a second
        # after a report opens; saves typed meanwhile wait for the processor (10-50 ms, see
        # docs/PERFORMANCE.md). The figures are of editing once the report is open.
        time.sleep(EDITOR_SETTLE)
        count_script = f"return performance.getEntriesByName('{SAVE}', 'measure').length;"
        state_script = (
            "const s = document.querySelector('[data-testid=save-status]');"
            "return s === null ? null : s.getAttribute('data-state');"
        )
        before = driver.run(count_script)
        round_trips = []
        for index in range(count):
            # A letter, then a backspace: the title keeps its length and every key is a change.
            key = "x" if index % 2 == 0 else "\ue003"
            typed = time.monotonic()
            driver.keys(title, key)
            wait(
                STEP_TIMEOUT,
                f"save {index + 1} to be acknowledged",
                lambda: driver.run(count_script) >= before + index + 1 and driver.run(state_script) == "saved",
                0.005,
            )
            round_trips.append((time.monotonic() - typed) * 1000.0)
            if (index + 1) % 50 == 0:
                log(f"  {index + 1} saves")
        durations = driver.run(
            f"return performance.getEntriesByName('{SAVE}', 'measure').map((e) => e.duration);"
        )
        return durations[before:], round_trips
    finally:
        driver.close()


def disk_syncs(directory, count):
    """Milliseconds each of `count` syncs to disk takes in `directory`: a page of 4 KiB appended to
    a file, then fsync, as SQLite commits a transaction to its write-ahead log (it calls fsync;
    the store runs with synchronous = FULL). Every save waits for one such sync."""
    path = os.path.join(directory, "sync-probe")
    page = b"\0" * 4096
    times = []
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for _ in range(count):
            os.write(descriptor, page)
            started = time.perf_counter()
            os.fsync(descriptor)
            times.append((time.perf_counter() - started) * 1000.0)
    finally:
        os.close(descriptor)
        os.remove(path)
    return times


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(fraction * (len(ordered) - 1)))))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app", required=True, help="the release build of debrief")
    parser.add_argument("--empty", required=True, help="the release build of the empty window")
    parser.add_argument("--library", required=True, help="the 10,000-report library (copied, not changed)")
    parser.add_argument("--starts", type=int, default=5, help="measured starts of each binary")
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--settle", type=float, default=5.0, help="seconds after the mark before PSS is read")
    options = parser.parse_args()

    work = tempfile.mkdtemp(prefix="debrief-appbench-")
    try:
        library = os.path.join(work, "library.db")
        shutil.copyfile(options.library, library)
        app_environment = {
            "DEBRIEF_DB": library,
            "XDG_DATA_HOME": os.path.join(work, "app-data"),
            "XDG_CACHE_HOME": os.path.join(work, "app-cache"),
        }
        empty_environment = {
            "XDG_DATA_HOME": os.path.join(work, "empty-data"),
            "XDG_CACHE_HOME": os.path.join(work, "empty-cache"),
        }
        # The app turns WebKit's accelerated compositing off for itself (src-tauri/lib.rs,
        # `draw_without_gpu_compositing`); the budget compares it with the empty window as it
        # comes, and the same empty window with that setting shows what the app itself adds.
        same_setting_environment = dict(
            empty_environment,
            XDG_DATA_HOME=os.path.join(work, "empty-nc-data"),
            XDG_CACHE_HOME=os.path.join(work, "empty-nc-cache"),
            WEBKIT_DISABLE_COMPOSITING_MODE="1",
        )
        targets = [
            ("empty", options.empty, empty_environment),
            ("empty-nc", options.empty, same_setting_environment),
            ("app", options.app, app_environment),
        ]
        runs = {name: [] for name, _, _ in targets}
        for round_number in range(options.starts + 1):
            for name, binary, environment in targets:
                result = one_start(binary, environment, options.settle, finish_start_up=round_number == 0)
                label = "warm-up" if round_number == 0 else f"start {round_number}"
                log(
                    f"  {name:8} {label}: {result['start_s'] * 1000:.0f} ms to the mark, "
                    f"PSS {result['pss_kib'] / 1024:.0f} MiB {result['pss_by_process_kib']}"
                )
                if round_number > 0:
                    runs[name].append(result)

        def summary(results):
            return {
                "start_ms_median": statistics.median(r["start_s"] * 1000 for r in results),
                "start_ms_all": [round(r["start_s"] * 1000, 1) for r in results],
                "request_to_mark_ms_median": statistics.median(r["request_to_mark_s"] * 1000 for r in results),
                "pss_mib_median": statistics.median(r["pss_kib"] / 1024 for r in results),
                "pss_mib_all": [round(r["pss_kib"] / 1024, 1) for r in results],
                "pss_by_process_kib": results[-1]["pss_by_process_kib"],
            }

        log(f"  {options.saves} saves in a report of the library")
        durations, round_trips = saves(options.app, app_environment, options.saves)
        if len(durations) < options.saves:
            raise Failure(f"the page recorded {len(durations)} saves of {options.saves}")
        syncs = disk_syncs(work, options.saves)
        report = {
            "empty": summary(runs["empty"]),
            "empty_same_setting": summary(runs["empty-nc"]),
            "app": summary(runs["app"]),
            "save": {
                "count": len(durations),
                "p50_ms": percentile(durations, 0.50),
                "p99_ms": percentile(durations, 0.99),
                "max_ms": max(durations),
                "key_to_seen_saved_p50_ms": percentile(round_trips, 0.50),
            },
            "disk_sync": {
                "count": len(syncs),
                "p50_ms": percentile(syncs, 0.50),
                "p99_ms": percentile(syncs, 0.99),
                "max_ms": max(syncs),
            },
        }
        report["start_ratio"] = report["app"]["start_ms_median"] / report["empty"]["start_ms_median"]
        report["pss_ratio"] = report["app"]["pss_mib_median"] / report["empty"]["pss_mib_median"]
        same = report["empty_same_setting"]
        report["start_ratio_same_setting"] = report["app"]["start_ms_median"] / same["start_ms_median"]
        report["pss_ratio_same_setting"] = report["app"]["pss_mib_median"] / same["pss_mib_median"]
        print(json.dumps(report, indent=2))
    except Failure as failure:
        log(f"app bench: {failure}")
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
