#!/usr/bin/env python3
"""Helpers for bench/run.sh (stdlib only). Subcommands:

  freeport                       print a free TCP port on 127.0.0.1
  ready PORT SECONDS [PID]       wait until http://127.0.0.1:PORT/ answers 200
                                 (give up early when PID has exited)
  client PORT ... --out F        the steady client of the restart test
  row ROWS --test ... [...]      append one result row (JSON line) to ROWS
  last ROWS                      one line about the last row, for progress
  table ROWS                     print the markdown table
"""
import argparse
import http.client
import json
import os
import socket
import statistics
import sys
import time


# ---------------------------------------------------------------- helpers

def freeport():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    print(port)


def get(port, timeout):
    """One GET / on a fresh connection. Returns (ok, kind, body, seconds)."""
    t0 = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", "/")
        resp = conn.getresponse()
        body = resp.read().decode(errors="replace")
        ok = resp.status == 200
        return ok, ("ok" if ok else f"http-{resp.status}"), body, time.monotonic() - t0
    except ConnectionRefusedError:
        kind = "refused"
    except (socket.timeout, TimeoutError):
        kind = "timeout"
    except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected,
            http.client.BadStatusLine, http.client.IncompleteRead):
        kind = "reset"
    except OSError as e:
        kind = type(e).__name__
    finally:
        conn.close()
    return False, kind, "", time.monotonic() - t0


def alive(pid):
    """False once PID has exited (a zombie counts as exited)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def ready(port, seconds, pid=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if get(port, 1.0)[0]:
            return 0
        if pid and not alive(pid):
            return 1
        time.sleep(0.05)
    return 1


def client(a):
    """Sequential requests on a fixed schedule (request i starts at t0 + i*interval,
    or as soon as the previous one is done if it ran late). No retries."""
    lat, kinds, gens, modes = [], {}, set(), set()
    t0 = time.monotonic()
    if a.go_file:  # tells the restart loop when our window starts
        with open(a.go_file + ".tmp", "w") as f:
            f.write(str(int(time.time() * 1000)))
        os.rename(a.go_file + ".tmp", a.go_file)
    for i in range(a.requests):
        delay = t0 + i * a.interval - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        ok, kind, body, secs = get(a.port, a.timeout)
        kinds[kind] = kinds.get(kind, 0) + 1
        if ok:
            lat.append(secs * 1000)
            fields = dict(f.split("=", 1) for f in body.split() if "=" in f)
            gens.add(fields.get("gen"))
            modes.add(fields.get("socket"))
    out = {
        "total": a.requests,
        "failed": a.requests - kinds.get("ok", 0),
        "kinds": kinds,
        "latencies_ms": lat,
        "generations": len(gens),
        "socket_modes": sorted(m for m in modes if m),
        "seconds": time.monotonic() - t0,
    }
    with open(a.out, "w") as f:
        json.dump(out, f)
    return 0


# ---------------------------------------------------------------- rows

def samples_from(path, fmt):
    """Durations in ms and the list of non-zero exit codes."""
    if fmt == "hyperfine":
        with open(path) as f:
            res = json.load(f)["results"][0]
        codes = [c for c in (res.get("exit_codes") or []) if c]
        return [t * 1000 for t in res["times"]], codes
    times, codes = [], []
    with open(path) as f:  # lines "t0 t1 rc", times in seconds
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                times.append((float(parts[1]) - float(parts[0])) * 1000)
                if parts[2] != "0":
                    codes.append(int(parts[2]))
    return times, codes


def row(a):
    r = {"test": a.test, "setup": a.setup, "how": a.how, "note": a.note or "",
         "ref": a.ref, "median": None, "mean": None, "failed": None}
    if a.samples:
        times, codes = samples_from(a.samples, a.format)
        if not times:
            r["note"] = "failed: no samples"
        elif codes:
            r["note"] = f"failed: exit code {codes[0]} in {len(codes)}/{len(times)} runs"
        else:
            r["median"] = statistics.median(times)
            r["mean"] = statistics.fmean(times)
            sd = statistics.stdev(times) if len(times) > 1 else 0.0
            extra = f"{len(times)} runs, σ {sd:.1f} ms, min {min(times):.1f} ms"
            r["note"] = f"{r['note']}; {extra}" if r["note"] else extra
    if a.client:
        with open(a.client) as f:
            c = json.load(f)
        lat = c["latencies_ms"]
        if lat:
            r["median"] = statistics.median(lat)
            r["mean"] = statistics.fmean(lat)
        r["failed"] = f"{c['failed']}/{c['total']}"
        bad = ", ".join(f"{k} {v}" for k, v in sorted(c["kinds"].items()) if k != "ok")
        restarts = "?"
        if a.gen_log and os.path.exists(a.gen_log):
            with open(a.gen_log) as f:
                lines = f.read().splitlines()
            # generations that got ready inside the client's window
            go = next((int(ln.split()[1]) for ln in lines if ln.startswith("go ")), None)
            end = go + c["seconds"] * 1000 if go else None
            restarts = sum(1 for ln in lines if ln.startswith("gen ") and not ln.startswith("gen 0 ")
                           and (end is None or int(ln.split()[-1]) <= end))
            if any("NOT-READY" in ln for ln in lines):
                bad = (bad + ", " if bad else "") + "a generation never got ready"
        modes = "/".join(c["socket_modes"]) or "none"
        parts = [f"{restarts} restarts within the client's {c['seconds']:.1f} s",
                 f"{c['generations']} generations answered", f"socket: {modes}"]
        if bad:
            parts.append(bad)
        r["note"] = "; ".join(parts + ([r["note"]] if r["note"] else []))
    with open(a.rows, "a") as f:
        f.write(json.dumps(r) + "\n")
    return 0


# ---------------------------------------------------------------- table

def dash(s):
    return "–" if s in ("", "-") else s


def fmt_ms(v):
    if v is None:
        return "–"
    return f"{v:.2f}" if v < 10 else f"{v:.1f}" if v < 100 else f"{v:.0f}"


def last(rows_path):
    with open(rows_path) as f:
        r = [json.loads(line) for line in f if line.strip()][-1]
    if r["failed"] is not None:
        print(f"{r['failed']} requests failed; {r['note']}")
    elif r["median"] is not None:
        print(f"{r['median']:.1f} ms median")
    else:
        print(r["note"])
    return 0


def table(rows_path):
    with open(rows_path) as f:
        rows = [json.loads(line) for line in f if line.strip()]
    ref = next((r["median"] for r in rows if r["ref"] and r["median"]), None)
    print("| test | JVM setup | command | median ms | mean ms | median ÷ `/bin/true` | failed requests | notes |")
    print("|---|---|---|---:|---:|---:|---:|---|")
    for r in rows:
        ratio = "–"
        if r["test"].startswith("start-up") and r["median"] is not None and ref:
            x = r["median"] / ref
            ratio = f"{x:.0f}×" if x >= 10 else f"{x:.1f}×"
        note = r["note"].replace("|", "\\|")
        print(f"| {r['test']} | {dash(r['setup'])} | {dash(r['how'])} | {fmt_ms(r['median'])} | "
              f"{fmt_ms(r['mean'])} | {ratio} | {r['failed'] or '–'} | {note} |")
    return 0


# ---------------------------------------------------------------- main

def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("freeport")
    p = sub.add_parser("ready")
    p.add_argument("port", type=int)
    p.add_argument("seconds", type=float)
    p.add_argument("pid", type=int, nargs="?")
    p = sub.add_parser("client")
    p.add_argument("port", type=int)
    p.add_argument("--requests", type=int, default=300)
    p.add_argument("--interval", type=float, default=0.02)
    p.add_argument("--timeout", type=float, default=1.0)
    p.add_argument("--go-file", help="write the start time (epoch ms) here")
    p.add_argument("--out", required=True)
    p = sub.add_parser("row")
    p.add_argument("rows")
    p.add_argument("--test", required=True)
    p.add_argument("--setup", default="–")
    p.add_argument("--how", default="–")
    p.add_argument("--note", default="")
    p.add_argument("--ref", action="store_true", help="this is the /bin/true reference")
    p.add_argument("--samples", help="timings: hyperfine JSON or 't0 t1 rc' lines")
    p.add_argument("--format", choices=["hyperfine", "loop"], default="loop")
    p.add_argument("--client", help="client JSON of a restart test")
    p.add_argument("--gen-log", help="generations.log of a restart test")
    p = sub.add_parser("last")
    p.add_argument("rows")
    p = sub.add_parser("table")
    p.add_argument("rows")
    a = ap.parse_args(argv)
    if a.cmd == "freeport":
        return freeport()
    if a.cmd == "ready":
        return ready(a.port, a.seconds, a.pid)
    if a.cmd == "client":
        return client(a)
    if a.cmd == "row":
        return row(a)
    if a.cmd == "last":
        return last(a.rows)
    return table(a.rows)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]) or 0)
    except KeyboardInterrupt:
        sys.exit(130)
