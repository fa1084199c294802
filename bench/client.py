#!/usr/bin/env python3
"""HTTP side of bench/run.sh (issue 9): sign in, make feed URLs and a personal access token, and run the swap
acceptance benchmark. Loopback only; every request has a timeout. Standard library only.

  client.py login BASE EMAIL PASSWORD            -> prints "<JSESSIONID cookie> <csrf token>"
  client.py setup BASE OUTDIR                    -> feed URLs, ETags, bodies, a session and a token in OUTDIR
  client.py swaps BASE PSQL_CMD N                -> markdown-free "key value" lines for the swap figures
"""
import http.client
import json
import re
import subprocess
import sys
import threading
import time
import urllib.parse

TIMEOUT = 30


def request(base, method, path, headers=None, body=None):
    u = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=TIMEOUT)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        return resp.status, resp.headers, data
    finally:
        conn.close()


def cookie_of(headers, old=None):
    for k, v in headers.items():
        if k.lower() == "set-cookie" and v.startswith("JSESSIONID="):
            return v.split(";", 1)[0]
    return old


def csrf_of(html):
    m = re.search(rb'name="_csrf"[^>]*content="([^"]+)"', html) or re.search(
        rb'name="_csrf"\s+value="([^"]+)"', html) or re.search(rb'value="([^"]+)"[^>]*name="_csrf"', html)
    if not m:
        raise SystemExit("no CSRF token found")
    return m.group(1).decode()


def login(base, email, password):
    status, headers, body = request(base, "GET", "/login")
    cookie = cookie_of(headers)
    token = csrf_of(body)
    form = urllib.parse.urlencode({"username": email, "password": password, "_csrf": token})
    status, headers, _ = request(base, "POST", "/login", {"Cookie": cookie, "Content-Type":
                                                          "application/x-www-form-urlencoded"}, form)
    cookie = cookie_of(headers, cookie)
    if status != 302 or "error" in headers.get("Location", ""):
        raise SystemExit(f"login as {email} failed: {status} {headers.get('Location')}")
    status, _, body = request(base, "GET", "/profile", {"Cookie": cookie})
    if status != 200:
        raise SystemExit(f"/profile after login: {status}")
    return cookie, csrf_of(body)


def setup(base, out):
    cookie, csrf = login(base, "jane.doe@example.com", "demo")
    write(out + "/cookie", cookie)
    json_headers = {"Cookie": cookie, "X-CSRF-TOKEN": csrf, "Content-Type": "application/json"}
    for name, req in (("person", {"feed": "me"}), ("rotation", {"feed": "rotation", "rotationId": 1})):
        status, _, body = request(base, "POST", "/api/v1/calendar/feeds", json_headers, json.dumps(req))
        if status != 201:
            raise SystemExit(f"feed {name}: {status} {body[:200]!r}")
        path = urllib.parse.urlparse(json.loads(body)["url"]).path
        status, headers, data = request(base, "GET", path)
        if status != 200:
            raise SystemExit(f"GET {path}: {status}")
        write(f"{out}/{name}.path", path)
        write(f"{out}/{name}.etag", headers["ETag"])
        with open(f"{out}/{name}.ics", "wb") as f:
            f.write(data)
    form = urllib.parse.urlencode({"name": "bench", "_csrf": csrf})
    status, headers, _ = request(base, "POST", "/profile/tokens", {"Cookie": cookie, "Content-Type":
                                                                   "application/x-www-form-urlencoded"}, form)
    status, _, body = request(base, "GET", "/profile", {"Cookie": cookie})
    m = re.search(rb"imoc_[A-Za-z0-9_-]{20,}", body)
    if not m:
        raise SystemExit("no access token on /profile after creating one")
    write(out + "/token", m.group(0).decode())
    ccookie, ccsrf = login(base, "coordinator@example.com", "demo")
    write(out + "/coordinator", ccookie + " " + ccsrf)


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def psql(cmd, sql):
    out = subprocess.run(cmd + ["-At", "-F", "\t", "-c", sql], check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def pairs(pg, wanted):
    """Open-cover candidates: future weekday primary shifts, each with a distinct taker the swap rules allow."""
    shifts = psql(pg, """
        select s.id, s.assignee_id, extract(epoch from s.starts_at)::bigint, extract(epoch from s.ends_at)::bigint
        from shift s where s.rotation_id = 1 and s.state = 'SCHEDULED' and not s.shadow and s.assignee_id is not null
          and s.starts_at > now() + interval '10 days' and extract(isodow from s.local_date) < 6
          and not exists (select 1 from swap_request w where w.shift_id = s.id)
        order by s.starts_at limit 400""")
    people = psql(pg, """
        select p.id from person p join rotation_participant rp on rp.person_id = p.id and rp.rotation_id = 1
        where p.active and p.onboarding_state = 'ACTIVE' and p.grade in (8, 9) and not p.weekdays_only
          and p.start_date < current_date - 120 and p.role = 'MANAGER' order by p.id""")
    busy = {}
    for pid, start, end in psql(pg, """select assignee_id, extract(epoch from starts_at)::bigint,
        extract(epoch from ends_at)::bigint from shift where state = 'SCHEDULED' and assignee_id is not null"""):
        busy.setdefault(int(pid), []).append((int(start), int(end)))
    for pid, start, end in psql(pg, """select person_id, extract(epoch from starts_at)::bigint,
        extract(epoch from ends_at)::bigint from unavailability"""):
        busy.setdefault(int(pid), []).append((int(start), int(end)))
    free = [int(p[0]) for p in people]
    result, used_shift_days = [], set()
    margin = 13 * 3600  # more than the minimum rest, so no pair disturbs another
    for sid, assignee, start, end in shifts:
        start, end = int(start), int(end)
        for taker in free:
            if taker == int(assignee):
                continue
            if all(e + margin <= start or s >= end + margin for s, e in busy.get(taker, [])):
                result.append((int(sid), int(assignee), taker))
                free.remove(taker)
                busy.setdefault(taker, []).append((start, end))
                break
        if len(result) >= wanted:
            break
    return result


def swaps(base, pg, n):
    cookie, csrf = open_coordinator()
    headers = {"Cookie": cookie, "X-CSRF-TOKEN": csrf, "Content-Type": "application/json"}
    chosen = pairs(pg, n + 1)
    if len(chosen) < 2:
        print("swap_error no shifts with a possible taker")
        return
    ids = []
    for sid, _, taker in chosen:
        status, _, body = request(base, "POST", "/api/v1/swaps", headers,
                                  json.dumps({"kind": "OPEN_COVER", "shiftId": sid, "message": "bench"}))
        if status != 201:
            print(f"swap_create_error {status} {body[:160]!r}".replace("\n", " "))
            continue
        ids.append((json.loads(body)["id"], taker))
    contended, distinct = ids[0], ids[1:]
    # Distinct covers: one client per open cover, all at once.
    results, lat = [None] * len(distinct), [0.0] * len(distinct)
    barrier = threading.Barrier(len(distinct))

    def take(i, rid, taker):
        barrier.wait()
        t0 = time.perf_counter()
        status, _, _ = request(base, "POST", f"/api/v1/swaps/{rid}/accept", headers,
                               json.dumps({"onBehalfOf": taker, "note": "bench"}))
        lat[i] = time.perf_counter() - t0
        results[i] = status
    threads = [threading.Thread(target=take, args=(i, rid, taker)) for i, (rid, taker) in enumerate(distinct)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    ok = sum(1 for s in results if s == 200)
    lat.sort()
    print(f"distinct_clients {len(distinct)}")
    print(f"distinct_ok {ok}")
    print(f"distinct_other {','.join(str(s) for s in sorted(set(results)))}")
    print(f"distinct_accepts_per_s {ok / wall:.1f}")
    print(f"distinct_p50_ms {lat[len(lat) // 2] * 1000:.0f}")
    print(f"distinct_max_ms {lat[-1] * 1000:.0f}")
    # One open cover, 64 clients at once (each on behalf of a different person): one wins, the rest get 409.
    takers = [taker for _, taker in ids][:64]
    while len(takers) < 64:
        takers.append(takers[len(takers) % len(ids)])
    rid = contended[0]
    results, lat = [None] * 64, [0.0] * 64
    barrier = threading.Barrier(64)
    threads = [threading.Thread(target=take, args=(i, rid, takers[i])) for i in range(64)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lat.sort()
    print(f"contended_200 {sum(1 for s in results if s == 200)}")
    print(f"contended_409 {sum(1 for s in results if s == 409)}")
    print(f"contended_p50_ms {lat[32] * 1000:.0f}")
    print(f"contended_max_ms {lat[-1] * 1000:.0f}")


def open_coordinator():
    with open(sys.argv[5]) as f:
        cookie, csrf = f.read().split()
    return cookie, csrf


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "login":
        c, t = login(sys.argv[2], sys.argv[3], sys.argv[4])
        print(c, t)
    elif cmd == "setup":
        setup(sys.argv[2], sys.argv[3])
    elif cmd == "swaps":
        swaps(sys.argv[2], sys.argv[3].split(), int(sys.argv[4]))
