"""Baseline for benches/import.rs: python-polars reads a WDI-bulk-shaped CSV (identifier
columns as text, year columns as Float64) and unpivots it to non-null long rows; prints the
number of rows."""
import sys

import polars as pl

path = sys.argv[1]
with open(path, encoding="utf-8-sig") as f:
    header = f.readline()
names = pl.read_csv(header.encode(), has_header=True, n_rows=0).columns
years = [c for c in names if c[:4].isdigit()]
ids = [c for c in names if c not in years]
df = pl.read_csv(path, schema_overrides={y: pl.Float64 for y in years})
long = df.unpivot(index=ids, on=years, variable_name="year", value_name="value").drop_nulls("value")
print(long.height)
