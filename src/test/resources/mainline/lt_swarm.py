#!/usr/bin/env python3
"""A private Mainline DHT of libtorrent sessions on 127.0.0.1, driven by JSON lines.

Start:  python3 lt_swarm.py --sessions 8
stdout: one JSON object per line. The first is
          {"event": "ready", "sessions": [{"index": 0, "port": 40123, "node_id": "<40 hex>"}, ...]}
        then one reply per command, {"id": <the command's id>, "ok": true, ...} or
        {"id": ..., "ok": false, "error": "..."}.
stdin:  one command per line, {"id": <int>, "cmd": "<name>", ...}; commands run one at a time.

Commands (a "session" is an index; times are seconds):
  sessions                                   -> {"sessions": [...]} as in "ready"
  wait_formed   [min_nodes]                  -> {"nodes": [n, ...]} once every session has at least
                                                min_nodes (default: all the others) in its table
  add_node      host, port [, session]       -> {} (every session when "session" is absent)
  put_immutable session, value               -> {"target": hex, "peers": n}
  get_immutable session, target              -> {"found": bool, "value": text|null, "bencoded": hex|null}
  put_mutable   session, public_key, private_key, value [, salt]
                                             -> {"public_key": hex, "salt": text, "seq": n, "peers": n}
  get_mutable   session, public_key [, salt] -> {"found": bool, "value", "seq", "signature": hex}
  announce      session, info_hash           -> {"port": n} (adds the torrent by info-hash; libtorrent
                                                announces it on the DHT and keeps doing so)
  get_peers     session, info_hash [, min_peers]
                                             -> {"peers": ["127.0.0.1:6881", ...], "complete": bool}
                                                (looks up again every 2 s until min_peers, default 1,
                                                are found; "complete" is false on timeout)
  routing_table session                      -> {"node_id": hex, "nodes": [{"id", "host", "port"}],
                                                 "buckets": [{"nodes": n, "replacements": m}]}
  wait_node     session, node_id             -> the routing_table reply, once it lists node_id
  quit                                       -> {} and the process exits
Every waiting command takes an optional "timeout" (default 20).

The sessions form a DHT of their own and never reach the internet: no bootstrap routers, no LSD,
UPnP or NAT-PMP; the address checks that would refuse 127.0.0.1 are off, and so is the per-address
rate limit, which would block 127.0.0.1 itself. The alert mask stays at
dht | dht_operation | error | status: with more, the alert queue overflows and drops the alerts
waited for.
"""

import argparse
import json
import queue
import shutil
import sys
import tempfile
import threading
import time
import warnings

import libtorrent as lt

warnings.simplefilter("ignore", DeprecationWarning)  # session.dht_state(): no other way to the id

ALERT_MASK = (
    lt.alert.category_t.dht_notification
    | lt.alert.category_t.dht_operation_notification
    | lt.alert.category_t.error_notification
    | lt.alert.category_t.status_notification
)

SETTINGS = {
    "listen_interfaces": "127.0.0.1:0",
    "enable_dht": True,
    "enable_lsd": False,
    "enable_upnp": False,
    "enable_natpmp": False,
    "dht_bootstrap_nodes": "",
    "dht_restrict_routing_ips": False,
    "dht_restrict_search_ips": False,
    "dht_enforce_node_id": False,
    "dht_ignore_dark_internet": False,
    "dht_prefer_verified_node_ids": False,
    # Every session shares 127.0.0.1, so each sees every other's queries as one address's; at the
    # default 5 queries a second per address it would block 127.0.0.1 for 5 minutes.
    "dht_block_ratelimit": 100000,
    "alert_mask": ALERT_MASK,
    "alert_queue_size": 10000,
}


def log(*parts):
    print("lt_swarm:", *parts, file=sys.stderr, flush=True)


def make_session():
    """One libtorrent session with its DHT on 127.0.0.1, on a port the kernel picks."""
    return lt.session(dict(SETTINGS))


def wait_listening(session, timeout=10.0):
    deadline = time.monotonic() + timeout
    while session.listen_port() == 0:
        if time.monotonic() > deadline:
            raise RuntimeError("session did not start listening")
        session.wait_for_alert(100)
        session.pop_alerts()
    return session.listen_port()


def node_id(session):
    """The session's own DHT node id: the first 20 bytes of the first entry of "node-id"."""
    ids = session.dht_state().get(b"node-id") or []
    return ids[0][:20] if ids else None


def to_text(value):
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value if isinstance(value, str) else json.dumps(value, default=repr)


def to_bytes(value):
    return value if isinstance(value, bytes) else str(value).encode("utf-8")


class Swarm:
    def __init__(self, count):
        self.sessions = [make_session() for _ in range(count)]
        self.ports = [wait_listening(s) for s in self.sessions]
        for s in self.sessions:
            for p in self.ports:
                if p != s.listen_port():
                    s.add_dht_node(("127.0.0.1", p))
        self.pending = [[] for _ in self.sessions]  # alerts popped but not yet claimed
        self.save_dir = tempfile.mkdtemp(prefix="lt_swarm_")

    def close(self):
        for s in self.sessions:
            s.pause()
        shutil.rmtree(self.save_dir, ignore_errors=True)

    def describe(self):
        out = []
        for i, s in enumerate(self.sessions):
            nid = node_id(s)
            out.append({"index": i, "port": self.ports[i], "node_id": nid.hex() if nid else None})
        return out

    def pump(self):
        """Pops every session's alerts, so that no queue fills while a command waits.

        An alert is valid only until the next pop_alerts(), so what the commands need is copied
        out of it here, into a plain dict.
        """
        for i, s in enumerate(self.sessions):
            for a in s.pop_alerts():
                if a.category() & lt.alert.category_t.error_notification:
                    log("session", i, a.message())
                event = snapshot(a)
                if event is not None:
                    self.pending[i].append(event)
            del self.pending[i][:-1000]

    def wait_for(self, index, match, timeout):
        """The first event of session `index` that `match` accepts (returns non-None for)."""
        deadline = time.monotonic() + timeout
        while True:
            self.pump()
            for n, event in enumerate(self.pending[index]):
                got = match(event)
                if got is not None:
                    del self.pending[index][n]
                    return got
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.sessions[index].wait_for_alert(max(1, int(min(left, 0.1) * 1000)))

    def session(self, cmd):
        i = int(cmd["session"])
        if not 0 <= i < len(self.sessions):
            raise ValueError("session %d: expected 0..%d" % (i, len(self.sessions) - 1))
        return i, self.sessions[i]

    # ---------------------------------------------------------------- commands

    def cmd_sessions(self, cmd):
        return {"sessions": self.describe()}

    def cmd_wait_formed(self, cmd):
        wanted = int(cmd.get("min_nodes", len(self.sessions) - 1))
        deadline = time.monotonic() + float(cmd.get("timeout", 20))
        while True:
            counts = [
                len(self.cmd_routing_table({"session": i, "timeout": 5})["nodes"])
                for i in range(len(self.sessions))
            ]
            if min(counts) >= wanted:
                return {"nodes": counts}
            if time.monotonic() > deadline:
                raise TimeoutError("routing tables hold %s nodes, expected %d each" % (counts, wanted))
            self.wait_for(0, lambda e: None, 0.2)  # let the sessions talk meanwhile

    def cmd_wait_node(self, cmd):
        i, _ = self.session(cmd)
        wanted = cmd["node_id"]
        deadline = time.monotonic() + float(cmd.get("timeout", 20))
        while True:
            table = self.cmd_routing_table({"session": i, "timeout": 5})
            if any(n["id"] == wanted for n in table["nodes"]):
                return table
            if time.monotonic() > deadline:
                raise TimeoutError("session %d's routing table does not list %s" % (i, wanted))
            self.wait_for(i, lambda e: None, 0.2)  # let the session talk meanwhile

    def cmd_add_node(self, cmd):
        endpoint = (cmd["host"], int(cmd["port"]))
        targets = [self.session(cmd)[1]] if "session" in cmd else self.sessions
        for s in targets:
            s.add_dht_node(endpoint)
        return {}

    def cmd_put_immutable(self, cmd):
        i, s = self.session(cmd)
        target = str(s.dht_put_immutable_item(cmd["value"]))
        got = self.wait_for(
            i,
            lambda e: e if e["kind"] == "put" and e["target"] == target else None,
            float(cmd.get("timeout", 20)),
        )
        if got is None:
            raise TimeoutError("put of %s not confirmed" % target)
        return {"target": target, "peers": got["peers"]}

    def cmd_get_immutable(self, cmd):
        i, s = self.session(cmd)
        target = cmd["target"]
        s.dht_get_immutable_item(lt.sha1_hash(bytes.fromhex(target)))
        got = self.wait_for(
            i,
            lambda e: e if e["kind"] == "immutable" and e["target"] == target else None,
            float(cmd.get("timeout", 20)),
        )
        if got is None:
            raise TimeoutError("get of %s did not end" % target)
        item = got["item"]
        value = item.get("value") if isinstance(item, dict) else item
        if value is None:
            return {"found": False, "value": None, "bencoded": None}
        return {"found": True, "value": to_text(value), "bencoded": lt.bencode(value).hex()}

    def cmd_put_mutable(self, cmd):
        i, s = self.session(cmd)
        public_key = bytes.fromhex(cmd["public_key"])
        salt = to_bytes(cmd.get("salt", ""))
        s.dht_put_mutable_item(
            bytes.fromhex(cmd["private_key"]), public_key, to_bytes(cmd["value"]), salt
        )
        got = self.wait_for(
            i,
            lambda e: e
            if e["kind"] == "put" and e["public_key"] == public_key and e["salt"] == salt
            else None,
            float(cmd.get("timeout", 20)),
        )
        if got is None:
            raise TimeoutError("mutable put not confirmed")
        return {
            "public_key": got["public_key"].hex(),
            "salt": to_text(got["salt"]),
            "seq": got["seq"],
            "peers": got["peers"],
        }

    def cmd_get_mutable(self, cmd):
        i, s = self.session(cmd)
        public_key = bytes.fromhex(cmd["public_key"])
        salt = to_bytes(cmd.get("salt", ""))
        s.dht_get_mutable_item(public_key, salt)
        last = {}

        def match(e):
            if e["kind"] != "mutable" or e["key"] != public_key or e["salt"] != salt:
                return None
            last["event"] = e
            return e if e["authoritative"] else None

        got = self.wait_for(i, match, float(cmd.get("timeout", 20))) or last.get("event")
        item = got["item"] if got else None
        if item is None or got["seq"] < 0:
            return {"found": False, "value": None, "seq": None, "signature": None}
        return {
            "found": True,
            "value": to_text(item.get("value") if isinstance(item, dict) else item),
            "seq": got["seq"],
            "signature": got["signature"].hex(),
        }

    def cmd_announce(self, cmd):
        i, s = self.session(cmd)
        params = lt.add_torrent_params()
        params.info_hashes = lt.info_hash_t(lt.sha1_hash(bytes.fromhex(cmd["info_hash"])))
        params.save_path = self.save_dir
        s.add_torrent(params)
        return {"port": self.ports[i]}

    def cmd_get_peers(self, cmd):
        i, s = self.session(cmd)
        info_hash = cmd["info_hash"]
        wanted = int(cmd.get("min_peers", 1))
        deadline = time.monotonic() + float(cmd.get("timeout", 20))
        peers = set()

        def match(e):
            if e["kind"] == "peers" and e["info_hash"] == info_hash:
                for host, port in e["peers"]:
                    peers.add("%s:%d" % (host, port))
            return True if len(peers) >= wanted else None

        # A lookup ends without an alert of its own, and an announce made just before may not
        # have reached the nodes yet: look up again until enough peers are known.
        done = None
        while done is None and time.monotonic() < deadline:
            s.dht_get_peers(lt.sha1_hash(bytes.fromhex(info_hash)))
            done = self.wait_for(i, match, min(2.0, max(0.0, deadline - time.monotonic())))
        return {"peers": sorted(peers), "complete": bool(done)}

    def cmd_routing_table(self, cmd):
        i, s = self.session(cmd)
        timeout = float(cmd.get("timeout", 20))
        own = node_id(s)
        s.dht_live_nodes(lt.sha1_hash(own))
        live = self.wait_for(i, lambda e: e if e["kind"] == "live_nodes" else None, timeout)
        s.post_dht_stats()
        stats = self.wait_for(i, lambda e: e if e["kind"] == "stats" else None, timeout)
        if live is None or stats is None:
            raise TimeoutError("no routing table from session %d" % i)
        return {"node_id": own.hex(), "nodes": live["nodes"], "buckets": stats["buckets"]}


def snapshot(a):
    """What the commands read of an alert, copied into a dict; None for alerts no command needs."""
    if isinstance(a, lt.dht_put_alert):
        return {
            "kind": "put",
            "target": str(a.target),
            "public_key": bytes(a.public_key),
            "salt": to_bytes(a.salt),
            "seq": a.seq,
            "peers": a.num_success,
        }
    if isinstance(a, lt.dht_immutable_item_alert):
        return {"kind": "immutable", "target": str(a.target), "item": a.item}
    if isinstance(a, lt.dht_mutable_item_alert):
        return {
            "kind": "mutable",
            "key": bytes(a.key),
            "salt": to_bytes(a.salt),
            "seq": a.seq,
            "signature": bytes(a.signature),
            "item": a.item,
            "authoritative": a.authoritative,
        }
    if isinstance(a, lt.dht_get_peers_reply_alert):
        return {"kind": "peers", "info_hash": str(a.info_hash), "peers": list(a.peers())}
    if isinstance(a, lt.dht_live_nodes_alert):
        nodes = [
            {"id": str(n["nid"]), "host": n["endpoint"][0], "port": n["endpoint"][1]}
            for n in a.nodes
        ]
        return {"kind": "live_nodes", "nodes": nodes}
    if isinstance(a, lt.dht_stats_alert):
        buckets = [
            {"nodes": b["num_nodes"], "replacements": b["num_replacements"]}
            for b in a.routing_table
        ]
        return {"kind": "stats", "buckets": buckets}
    return None


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def read_lines(into):
    for line in sys.stdin:
        into.put(line)
    into.put(None)  # stdin closed: the driver is gone


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=8)
    args = parser.parse_args()
    if args.sessions < 1:
        parser.error("--sessions: expected at least 1")

    swarm = Swarm(args.sessions)
    emit({"event": "ready", "sessions": swarm.describe()})
    lines = queue.Queue()
    threading.Thread(target=read_lines, args=(lines,), daemon=True).start()
    try:
        while True:
            try:
                line = lines.get(timeout=0.1)
            except queue.Empty:
                swarm.pump()
                continue
            if line is None:
                break
            if not line.strip():
                continue
            cmd_id = None
            try:
                cmd = json.loads(line)
                cmd_id = cmd.get("id")
                name = cmd.get("cmd")
                if name == "quit":
                    emit({"id": cmd_id, "ok": True})
                    break
                handler = getattr(swarm, "cmd_" + str(name), None)
                if handler is None:
                    raise ValueError("unknown command %r" % name)
                reply = handler(cmd)
                reply.update({"id": cmd_id, "ok": True})
                emit(reply)
            except Exception as e:  # one bad command never stops the swarm
                emit({"id": cmd_id, "ok": False, "error": "%s: %s" % (type(e).__name__, e)})
    finally:
        swarm.close()


if __name__ == "__main__":
    main()
