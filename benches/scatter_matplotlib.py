"""Peer of `innodex chart scatter msti.gerd_pct_gdp ifr.robot_density -o x.png` for
benches/catalog.rs: python-polars reads the two indicator files and countries.csv, keeps each
country's latest value of each indicator (aggregates left out; for robot density the latest
publication within the newest year), pairs them on the country, and matplotlib draws the
labelled scatter (one label per country, its name) to a 1600 x 900 PNG.

Usage: python3 scatter_matplotlib.py DATASETS_DIR OUT.png
"""
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import polars as pl  # noqa: E402


def latest(path, countries, name):
    df = pl.read_csv(path, schema_overrides={"iso3": pl.Utf8, "year": pl.Int32, "value": pl.Float64})
    df = df.filter(pl.col("value").is_not_null()).join(countries, on="iso3", how="semi")
    order = ["iso3", "year"] + (["published"] if "published" in df.columns else [])
    df = df.sort(order, descending=[False] + [True] * (len(order) - 1), nulls_last=True)
    return df.group_by("iso3", maintain_order=True).first().select(
        "iso3", pl.col("year").alias(f"{name}_year"), pl.col("value").alias(name)
    )


def main():
    root, out = sys.argv[1], sys.argv[2]
    countries = pl.read_csv(os.path.join(root, "countries", "countries.csv"), infer_schema=False).select("iso3", "name")
    xs = latest(os.path.join(root, "msti", "gerd_pct_gdp.csv"), countries, "x")
    ys = latest(os.path.join(root, "ifr", "robot_density.csv"), countries, "y")
    pairs = xs.join(ys, on="iso3").join(countries, on="iso3").sort("name")
    fig, ax = plt.subplots(figsize=(16, 9), dpi=100)
    ax.scatter(pairs["x"], pairs["y"])
    for name, x, y in pairs.select("name", "x", "y").iter_rows():
        ax.annotate(name, (x, y), xytext=(4, 4), textcoords="offset points", fontsize=9)
    ax.set_xlabel("Gross domestic expenditure on R&D (% of GDP)")
    ax.set_ylabel("Robot density (robots per 10,000 manufacturing employees)")
    ax.set_title(f"Robot density and R&D intensity ({pairs.height} countries, latest values)")
    fig.savefig(out)


if __name__ == "__main__":
    main()
