"""Peer of `innodex chart bar gii.score --year 2025 --top 60 -o x.png` for benches/catalog:
python-polars reads the GII score file and countries.csv, keeps the 2025 edition's values of
countries (aggregates left out), takes the 60 highest, and matplotlib draws them as labelled
horizontal bars ("rank. name" on the left, the value at each bar's end) to a 1600 x 900 PNG.

Usage: python3 bar_matplotlib.py DATASETS_DIR OUT.png
"""
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import polars as pl  # noqa: E402


def main():
    root, out = sys.argv[1], sys.argv[2]
    countries = pl.read_csv(os.path.join(root, "countries", "countries.csv"), infer_schema=False).select("iso3", "name")
    scores = pl.read_csv(
        os.path.join(root, "gii", "score.csv"),
        schema_overrides={"iso3": pl.Utf8, "year": pl.Int32, "value": pl.Float64},
    )
    top = (
        scores.filter((pl.col("year") == 2025) & pl.col("value").is_not_null())
        .join(countries, on="iso3")
        .sort("value", descending=True)
        .head(60)
    )
    labels = [f"{i + 1}. {name}" for i, name in enumerate(top["name"])]
    fig, ax = plt.subplots(figsize=(16, 9), dpi=100)
    bars = ax.barh(labels, top["value"])
    ax.invert_yaxis()
    ax.tick_params(axis="y", labelsize=6)
    ax.bar_label(bars, labels=[f"{v:.1f}" for v in top["value"]], fontsize=6, padding=2)
    ax.set_xlabel("Global Innovation Index score (score 0-100)")
    ax.set_title("Global Innovation Index score: top 60 (edition 2025)")
    fig.savefig(out)


if __name__ == "__main__":
    main()
