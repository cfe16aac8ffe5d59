#!/usr/bin/env python3
"""Prints the Resequel/raw throughput ratios of JMH JSON result files (java -jar benchmarks.jar -rf json).

Usage: python3 benchmarks/scripts/ratios.py run1/*.json [run2/*.json ...] [--gc gc/*.json]

The same benchmark found in several files counts as several forks: its iterations are pooled and the error is
recomputed the way JMH does it (99.9 % Student-t interval over all iterations). The ratio's error combines both
errors in quadrature (relative errors added as sqrt(a^2 + b^2)). Files given after --gc (runs with -prof gc) add a
column with their ratio and Resequel's extra allocation per row / lookup / transaction.
"""
import json, math, statistics, sys

# t(0.9995, df), as JMH uses for its 99.9 % error
T = {1: 636.619, 2: 31.599, 3: 12.924, 4: 8.610, 5: 6.869, 6: 5.959, 7: 5.408, 8: 5.041, 9: 4.781, 10: 4.587,
     11: 4.437, 12: 4.318, 13: 4.221, 14: 4.140, 15: 4.073, 19: 3.883, 24: 3.745, 29: 3.659}

# (class, label, units per operation, unit, Resequel method, raw method)
WORKLOADS = [("ReadAllBenchmark", "W1 read 10k rows", 1e4, "row", "resequel", "raw"),
             ("PkLookupBenchmark", "W2 10k findByPk", 1e4, "lookup", "resequel", "raw"),
             ("BulkInsertBenchmark", "W3 bulkCreate 10k", 1e4, "row", "resequel", "raw"),
             ("FilteredQueryBenchmark", "W4 10k filtered queries", 1e6, "row", "resequel", "raw"),
             ("TransactionBenchmark", "W5 2k transactions", 2e3, "tx", "resequel", "raw"),
             ("EagerLoadBenchmark", "W6 joined (1k roots, 10k rows)", 1e4, "row", "joined", "raw"),
             ("EagerLoadBenchmark", "W6 separate (1k + 10k rows)", 1e4, "book", "separate", "rawSeparate"),
             ("EagerLoadBenchmark", "W6 joined3 (1k roots, 20k rows)", 2e4, "row", "joined3", "raw3")]
PAIRED = {(w[0], m) for w in WORKLOADS for m in w[4:]}


def key(r):
    cls, method = r["benchmark"].rsplit(".", 2)[-2:]
    return cls, r.get("params", {}).get("database", "?"), method


def load(paths):
    iterations, gc = {}, {}
    for path in paths:
        for r in json.load(open(path)):
            k = key(r)
            for fork in r["primaryMetric"]["rawData"]:
                iterations.setdefault(k, []).append(fork)
            norm = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
            gc[k] = (r["primaryMetric"]["score"], norm["score"] if norm else None)
    return iterations, gc


def stat(forks):
    values = [v for f in forks for v in f]
    n = len(values)
    mean = statistics.mean(values)
    if n < 2:
        return mean, float("nan"), len(forks)
    t = T.get(n - 1) or T[max(d for d in T if d <= n - 1)]
    return mean, t * statistics.stdev(values) / math.sqrt(n), len(forks)


def ratio(a, b):
    q = a[0] / b[0]
    return q, q * math.sqrt((a[1] / a[0]) ** 2 + (b[1] / b[0]) ** 2)


def main(argv):
    main_files = argv[:argv.index("--gc")] if "--gc" in argv else argv
    gc_files = argv[argv.index("--gc") + 1:] if "--gc" in argv else []
    runs, _ = load(main_files)
    _, gc = load(gc_files)
    print("| workload | database | forks | Resequel (ops/s) | raw (ops/s) | **ratio** ± error | ≥ 0.90? "
          "| `-prof gc` re-run ratio | Resequel extra alloc |")
    print("|---|---|---|---|---|---|---|---|---|")
    for cls, label, n, unit, orm, raw in WORKLOADS:
        for db in ("h2", "postgres", "mysql"):
            if (cls, db, orm) not in runs or (cls, db, raw) not in runs:
                continue
            o, r = stat(runs[(cls, db, orm)]), stat(runs[(cls, db, raw)])
            q, e = ratio(o, r)
            ok = "n/a" if math.isnan(e) else (
                "yes" if q - e >= 0.90 else ("no" if q + e < 0.90 else "within error"))
            g1, g2 = gc.get((cls, db, orm)), gc.get((cls, db, raw))
            g_ratio = f"{g1[0] / g2[0]:.2f}" if g1 and g2 else ""
            g_alloc = f"+{(g1[1] - g2[1]) / n:,.0f} B/{unit}" if g1 and g2 and g1[1] and g2[1] else ""
            print(f"| {label} | {db} | {min(o[2], r[2])} | {o[0]:.3f} ± {o[1]:.3f} | {r[0]:.3f} ± {r[1]:.3f} "
                  f"| **{q:.2f}** ± {e:.2f} | {ok} | {g_ratio} | {g_alloc} |")
    pool = [db for db in ("h2", "postgres", "mysql") if ("TransactionBenchmark", db, "rawFixed") in runs]
    if pool:
        print()
        print("| W5 pool overhead | database | raw over r2dbc-pool (ops/s) | raw on 8 fixed connections (ops/s) "
              "| pooled / fixed |")
        print("|---|---|---|---|---|")
        for db in pool:
            p = stat(runs[("TransactionBenchmark", db, "raw")])
            f = stat(runs[("TransactionBenchmark", db, "rawFixed")])
            q, e = ratio(p, f)
            print(f"| | {db} | {p[0]:.3f} ± {p[1]:.3f} | {f[0]:.3f} ± {f[1]:.3f} | {q:.2f} ± {e:.2f} |")
    extra = sorted(k for k in runs if (k[0], k[2]) not in PAIRED and k[2] != "rawFixed")
    if extra:
        print()
        print("| benchmark | database | score (ops/s) |")
        print("|---|---|---|")
        for k in extra:
            s = stat(runs[k])
            print(f"| {k[0]}.{k[2]} | {k[1]} | {s[0]:.3f} ± {s[1]:.3f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
