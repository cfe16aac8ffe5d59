#!/usr/bin/env python3
"""Prints the Resequel/raw throughput ratios of a JMH JSON result file (java -jar benchmarks.jar -rf json).

Usage: python3 benchmarks/scripts/ratios.py jmh-result.json [more.json ...]   (later files override earlier ones)
The ratio's error combines both JMH 99.9% errors in quadrature (relative errors added as sqrt(a^2 + b^2)).
"""
import json, math, sys

scores = {}
for path in sys.argv[1:]:
    for r in json.load(open(path)):
        cls, method = r["benchmark"].rsplit(".", 2)[-2:]
        db = r.get("params", {}).get("database", "?")
        m = r["primaryMetric"]
        err = m.get("scoreError")
        err = 0.0 if err is None or (isinstance(err, float) and math.isnan(err)) or err == "NaN" else float(err)
        scores[(cls, db, method)] = (m["score"], err, m["scoreUnit"])

workloads = {"ReadAllBenchmark": "W1 read 10k", "PkLookupBenchmark": "W2 10k findByPk",
             "BulkInsertBenchmark": "W3 bulkCreate 10k"}
print("| workload | database | Resequel (ops/s) | raw (ops/s) | ratio | ≥ 0.90? |")
print("|---|---|---|---|---|---|")
for cls, label in workloads.items():
    for db in ("h2", "postgres", "mysql"):
        o, r = scores.get((cls, db, "resequel")), scores.get((cls, db, "raw"))
        if not o or not r:
            continue
        ratio = o[0] / r[0]
        rel = math.sqrt((o[1] / o[0]) ** 2 + (r[1] / r[0]) ** 2)
        ok = "yes" if ratio - ratio * rel >= 0.90 else ("no" if ratio + ratio * rel < 0.90 else "within error")
        print(f"| {label} | {db} | {o[0]:.3f} ± {o[1]:.3f} | {r[0]:.3f} ± {r[1]:.3f} | "
              f"{ratio:.2f} ± {ratio * rel:.2f} | {ok} |")
extra = sorted(k for k in scores if k[2] not in ("resequel", "raw"))
if extra:
    print()
    print("| benchmark | database | score | unit |")
    print("|---|---|---|---|")
    for k in extra:
        s, e, u = scores[k]
        print(f"| {k[0]}.{k[2]} | {k[1]} | {s:.3f} ± {e:.3f} | {u} |")
