#!/usr/bin/env python3
"""Records real KRPC datagrams exchanged with libtorrent 2.0 sessions on 127.0.0.1.

    python3 record_datagrams.py > reference-datagrams.json

A plain UDP socket (the "recorder", node id SHA-1("kadscope recorder")) sends each kind of query
to session A of a 3-session swarm (lt_swarm.py) and keeps the raw answer, errors included; and it
answers the queries that session C sends it (C is given the recorder as a DHT node, then puts,
gets and announces) and the bootstrap get_peers of a session D that starts from it, keeping each query. The recorder's own queries are encoded with libtorrent's
bencoder (lt.bencode), so every byte in the file comes from libtorrent. Nothing leaves 127.0.0.1.

BEP 44's test key signs the mutable items: libtorrent takes its 64-byte expanded private key, and
signs "Hello World!" under salt "foobar" with BEP 44's published signature.
"""

import hashlib
import json
import os
import queue
import socket
import sys
import threading
import time

import libtorrent as lt

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lt_swarm  # noqa: E402

RECORDER_ID = hashlib.sha1(b"kadscope recorder").digest()
BEP44_PUBLIC = bytes.fromhex("77ff84905a91936367c01360803104f92432fcd904a43511876df5cdf3e7e548")
BEP44_PRIVATE = bytes.fromhex(
    "e06d3183d14159228433ed599221b80bd0a5ce8352e4bdf0262f76786ef1c74d"
    "b7e7a9fea2c0eb269d61e3b38e450a22e754941ac78479d6c54e1faf6037881d"
)
INFO_HASH = hashlib.sha1(b"kadscope reference info-hash").digest()
ANNOUNCED_BY_C = hashlib.sha1(b"kadscope info-hash announced by C").digest()


def with_entry(d, key, value):
    out = dict(d)
    out[key] = value
    return out


def compact_node(node_id, port):
    return node_id + socket.inet_aton("127.0.0.1") + port.to_bytes(2, "big")


class Recorder:
    def __init__(self, swarm):
        self.swarm = swarm
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.answers = queue.Queue()
        self.incoming = []  # (sender port, raw query) sent to us by libtorrent
        self.next_t = 1
        self.datagrams = []
        self.running = True
        self.ids = [lt_swarm.node_id(s) for s in swarm.sessions]
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        """Answers libtorrent's queries as a small but well-behaved node; passes on the rest."""
        self.sock.settimeout(0.2)
        while self.running:
            try:
                data, addr = self.sock.recvfrom(4096)
            except socket.timeout:
                continue
            try:
                msg = lt.bdecode(data)
            except Exception:
                continue
            if not isinstance(msg, dict):
                continue
            if msg.get(b"y") != b"q":
                self.answers.put(data)
                continue
            self.incoming.append((addr[1], data))
            method = msg.get(b"q")
            r = {b"id": RECORDER_ID}
            if method in (b"find_node", b"get_peers", b"get"):
                r[b"nodes"] = compact_node(self.ids[0], self.swarm.ports[0])
            if method in (b"get_peers", b"get"):
                r[b"token"] = b"tok!"
            reply = {b"t": msg.get(b"t", b""), b"y": b"r", b"r": r}
            self.sock.sendto(lt.bencode(reply), addr)

    def ask(self, name, method, args, what, session=0, top=None, malformed=False):
        """Sends a query to a session and records it and its answer."""
        t = self.next_t.to_bytes(2, "big")
        self.next_t += 1
        a = {b"id": RECORDER_ID}
        a.update(args)
        msg = {b"t": t, b"y": b"q", b"q": method, b"a": a}
        msg.update(top or {})
        raw = lt.bencode(msg)
        self.sock.sendto(raw, ("127.0.0.1", self.swarm.ports[session]))
        deadline = time.monotonic() + 5
        answer = None
        while answer is None:
            try:
                got = self.answers.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise RuntimeError("no answer to " + name)
            if lt.bdecode(got).get(b"t") == t:
                answer = got
        query = self.add(name + "-query", "recorder", "query", raw, what)
        if malformed:
            query["malformed"] = True
        decoded = lt.bdecode(answer)
        kind = "error" if decoded.get(b"y") == b"e" else "response"
        entry = self.add(name + "-" + kind, "libtorrent A", kind, answer, "answer to " + name)
        entry["answers"] = name + "-query"
        if kind == "error":
            entry["code"] = decoded[b"e"][0]
            entry["message"] = decoded[b"e"][1].decode()
        return decoded

    def add(self, name, sender, kind, raw, what):
        entry = {"name": name, "from": sender, "kind": kind, "what": what, "hex": raw.hex()}
        self.datagrams.append(entry)
        return entry


def main():
    swarm = lt_swarm.Swarm(3)
    swarm.cmd_wait_formed({})
    rec = Recorder(swarm)

    # ---- our queries to session A, with every kind of answer
    rec.ask("ping", b"ping", {}, "ping")
    rec.ask("ping-read-only", b"ping", {}, "ping marked read-only (BEP 43)", top={b"ro": 1})
    rec.ask("find-node", b"find_node", {b"target": INFO_HASH}, "find_node")
    rec.ask(
        "find-node-want",
        b"find_node",
        {b"target": INFO_HASH, b"want": [b"n4", b"n6"]},
        "find_node with want n4, n6 (BEP 32)",
    )
    rec.ask(
        "find-node-no-target", b"find_node", {}, "find_node without a target", malformed=True
    )
    rec.ask("unknown-method", b"frobnicate", {}, "a method libtorrent does not know")
    rec.ask(
        "get-peers-short-hash",
        b"get_peers",
        {b"info_hash": INFO_HASH[:19]},
        "get_peers with a 19-byte info_hash",
        malformed=True,
    )
    token = rec.ask("get-peers-none", b"get_peers", {b"info_hash": INFO_HASH}, "get_peers")[b"r"][
        b"token"
    ]
    rec.ask(
        "announce-peer",
        b"announce_peer",
        {b"info_hash": INFO_HASH, b"port": 6881, b"token": token},
        "announce_peer with the token",
    )
    rec.ask(
        "announce-peer-implied",
        b"announce_peer",
        {b"info_hash": INFO_HASH, b"port": 0, b"implied_port": 1, b"token": token},
        "announce_peer with implied_port",
    )
    rec.ask(
        "announce-peer-bad-token",
        b"announce_peer",
        {b"info_hash": INFO_HASH, b"port": 6881, b"token": b"bad!"},
        "announce_peer with a token A never gave",
    )
    rec.ask(
        "get-peers-values",
        b"get_peers",
        {b"info_hash": INFO_HASH},
        "get_peers after the announcements",
    )

    value = lt.bencode(b"Hello World!")
    immutable_target = hashlib.sha1(value).digest()
    token = rec.ask("get-immutable-empty", b"get", {b"target": immutable_target}, "get")[b"r"][
        b"token"
    ]
    rec.ask(
        "put-immutable",
        b"put",
        {b"v": b"Hello World!", b"token": token},
        "put of BEP 44's immutable example",
    )
    rec.ask("get-immutable", b"get", {b"target": immutable_target}, "get of the stored item")
    rec.ask(
        "put-too-big",
        b"put",
        {b"v": b"x" * 1001, b"token": token},
        "put of a v of 1005 bytes bencoded",
    )

    # ---- a mutable item that libtorrent itself signs (session B puts, A stores it)
    swarm.cmd_put_mutable(
        {
            "session": 1,
            "public_key": BEP44_PUBLIC.hex(),
            "private_key": BEP44_PRIVATE.hex(),
            "value": "Hello World!",
            "salt": "foobar",
        }
    )
    mutable_target = hashlib.sha1(BEP44_PUBLIC + b"foobar").digest()
    got = rec.ask(
        "get-mutable", b"get", {b"target": mutable_target}, "get of BEP 44's salted example"
    )[b"r"]
    rec.ask(
        "get-mutable-seq",
        b"get",
        {b"target": mutable_target, b"seq": 1},
        "get with seq 1, which the stored item does not exceed",
    )
    signed = {
        b"v": got[b"v"],
        b"k": got[b"k"],
        b"sig": got[b"sig"],
        b"seq": got[b"seq"],
        b"salt": b"foobar",
        b"token": got[b"token"],
    }
    rec.ask("put-mutable", b"put", dict(signed), "put of the same signed item again")
    rec.ask(
        "put-mutable-cas",
        b"put",
        with_entry(signed, b"cas", 5),
        "put with cas 5 while seq 1 is stored",
    )
    bad = bytearray(signed[b"sig"])
    bad[0] ^= 0x01
    rec.ask(
        "put-mutable-bad-signature",
        b"put",
        with_entry(signed, b"sig", bytes(bad)),
        "put with one bit of the signature flipped",
    )
    rec.ask(
        "put-mutable-salt-too-big",
        b"put",
        with_entry(signed, b"salt", b"s" * 65),
        "put with a salt of 65 bytes",
    )
    swarm.cmd_put_mutable(
        {
            "session": 1,
            "public_key": BEP44_PUBLIC.hex(),
            "private_key": BEP44_PRIVATE.hex(),
            "value": "Hello again",
            "salt": "foobar",
        }
    )
    rec.ask(
        "put-mutable-old-seq",
        b"put",
        dict(signed),
        "put of seq 1 again once seq 2 is stored",
    )

    # ---- queries libtorrent sends: session C gets the recorder as a node, then works
    c = swarm.sessions[2]
    c.add_dht_node(("127.0.0.1", rec.port))
    c.dht_get_peers(lt.sha1_hash(INFO_HASH))
    swarm.cmd_announce({"session": 2, "info_hash": ANNOUNCED_BY_C.hex()})
    swarm.cmd_put_immutable({"session": 2, "value": "from C"})
    swarm.cmd_get_immutable(
        {"session": 2, "target": hashlib.sha1(lt.bencode(b"from C")).hexdigest()}
    )
    swarm.cmd_put_mutable(
        {
            "session": 2,
            "public_key": BEP44_PUBLIC.hex(),
            "private_key": BEP44_PRIVATE.hex(),
            "value": "Hello from C",
            "salt": "c",
        }
    )
    # A new session D whose only bootstrap node is the recorder. libtorrent 2.0 bootstraps and
    # refreshes with get_peers (marked "bs": 1), not find_node, and sends no ping to a node it is
    # merely given: it sends neither find_node nor ping here.
    settings = dict(lt_swarm.SETTINGS)
    settings["dht_bootstrap_nodes"] = "127.0.0.1:%d" % rec.port
    d = lt.session(settings)
    names = {p: "libtorrent " + "ABC"[i] for i, p in enumerate(swarm.ports)}
    names[lt_swarm.wait_listening(d)] = "libtorrent D"
    deadline = time.monotonic() + 20
    wanted = {b"get_peers", b"announce_peer", b"get", b"put"}
    seen = {}
    while time.monotonic() < deadline:
        for port, raw in list(rec.incoming):
            msg = lt.bdecode(raw)
            key = msg[b"q"]
            if key == b"put":
                key += b" mutable" if b"k" in msg[b"a"] else b" immutable"
            if key == b"get_peers" and b"bs" in msg[b"a"]:
                key += b" bootstrap"
            seen.setdefault(key, (names.get(port, "libtorrent ?"), raw))
        if {k.split(b" ")[0] for k in seen} >= wanted and len(seen) >= 6:
            break
        swarm.pump()
        d.pop_alerts()
        time.sleep(0.2)
    rec.running = False
    d.pause()
    for key in sorted(seen):
        name = key.decode().replace(" ", "-").replace("_", "-")
        sender, raw = seen[key]
        rec.add("libtorrent-" + name, sender, "query", raw, key.decode() + " from " + sender[-1])

    json.dump(
        {
            "about": (
                "KRPC datagrams exchanged with libtorrent "
                + lt.__version__
                + " sessions A, B, C on 127.0.0.1, recorded by record_datagrams.py: the"
                " recorder's queries (bencoded by libtorrent) and session A's answers, and"
                " queries that sessions B, C and D sent to the recorder once C knew it. Mutable items are signed by libtorrent"
                " with BEP 44's test key."
            ),
            "layout": (
                "kind: query, response or error; a response or error names in 'answers' the"
                " query it answers; an error gives its code and message; a query sent"
                " malformed on purpose, to record libtorrent's error, says so"
            ),
            "datagrams": rec.datagrams,
        },
        sys.stdout,
        indent=1,
    )
    sys.stdout.write("\n")
    swarm.close()


if __name__ == "__main__":
    main()
