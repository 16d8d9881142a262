"""Workload W4 (docs/benchmarks.md) on the Python `kademlia` package, for a side-by-side figure:
P peers in one process on 127.0.0.1, each bootstrapping from peer 0; M keys set, each from a random
peer; then half the peers, at random, stop (their transports close; nothing is said to anyone);
then one survivor gets the M keys in sequence. Prints one JSON line.
Needs the package on PYTHONPATH; it is never a dependency of the build.
  python3 scripts/bench/w4.py [P] [M] [SEED] [FIRST_PORT]"""
import asyncio, json, logging, random, sys, time
from kademlia.network import Server


async def main(p, m, seed, base):
    logging.disable(logging.CRITICAL)
    rnd = random.Random(seed)
    nodes = []
    for i in range(p):
        s = Server()
        await s.listen(base + i, interface="127.0.0.1")
        if i:
            await s.bootstrap([("127.0.0.1", base)])
        nodes.append(s)
    keys = [f"key-{i}" for i in range(m)]
    for k in keys:
        await nodes[rnd.randrange(p)].set(k, "v-" + k)
    alive = list(nodes)
    for _ in range(p // 2):
        alive.pop(rnd.randrange(len(alive))).stop()
    survivor = alive[rnd.randrange(len(alive))]
    lat, hits = [], 0
    t0 = time.perf_counter()
    for k in keys:
        t = time.perf_counter()
        v = await survivor.get(k)
        lat.append(time.perf_counter() - t)
        hits += v == "v-" + k
    total = time.perf_counter() - t0
    lat.sort()
    print(json.dumps({"impl": "python-kademlia", "workload": "W4", "peers": p, "keys": m,
                      "stopped": p // 2, "hits": hits, "total_s": round(total, 3),
                      "get_p50_ms": round(lat[len(lat) // 2] * 1e3, 2),
                      "get_p99_ms": round(lat[min(len(lat) - 1, int(len(lat) * .99))] * 1e3, 2)}))
    for s in alive:
        s.stop()


a = sys.argv[1:]
asyncio.run(main(int(a[0]) if a else 60, int(a[1]) if len(a) > 1 else 100,
                 int(a[2]) if len(a) > 2 else 1, int(a[3]) if len(a) > 3 else 7600))
