-- innodex correlate msti.gerd_pct_gdp ifr.robot_density: each country's latest value of each
-- indicator (aggregates left out; latest publication within a year), paired on the country;
-- then n, Pearson r with its 95% confidence interval (Fisher z), Spearman rho (Pearson r of
-- average ranks), Kendall tau-b (over all pairs of countries) and the least-squares slope,
-- intercept and r². (innodex also prints Pearson's p-value; DuckDB has no t distribution.)
WITH countries AS (SELECT iso3 FROM read_csv('datasets/countries/countries.csv', all_varchar = true)),
xs AS (
  SELECT iso3, year AS x_year, value AS x
  FROM read_csv('datasets/msti/gerd_pct_gdp.csv', types = {'iso3': 'VARCHAR', 'year': 'INTEGER', 'value': 'DOUBLE'})
  WHERE value IS NOT NULL AND iso3 IN (SELECT iso3 FROM countries)
  QUALIFY row_number() OVER (PARTITION BY iso3 ORDER BY year DESC) = 1),
ys AS (
  SELECT iso3, year AS y_year, value AS y
  FROM read_csv('datasets/ifr/robot_density.csv',
       types = {'iso3': 'VARCHAR', 'year': 'INTEGER', 'value': 'DOUBLE', 'published': 'VARCHAR'})
  WHERE value IS NOT NULL AND iso3 IN (SELECT iso3 FROM countries)
  QUALIFY row_number() OVER (PARTITION BY iso3 ORDER BY year DESC, published DESC NULLS LAST) = 1),
pairs AS (
  SELECT iso3, x, y,
         rank() OVER (ORDER BY x) + (count(*) OVER (PARTITION BY x) - 1) / 2.0 AS rx,
         rank() OVER (ORDER BY y) + (count(*) OVER (PARTITION BY y) - 1) / 2.0 AS ry
  FROM xs JOIN ys USING (iso3)),
kendall AS (
  SELECT sum(sign(a.x - b.x) * sign(a.y - b.y)) AS s,
         count(*) FILTER (WHERE a.x <> b.x) AS nx,
         count(*) FILTER (WHERE a.y <> b.y) AS ny
  FROM pairs a JOIN pairs b ON a.iso3 < b.iso3),
stats AS (
  SELECT count(*) AS n, corr(x, y) AS r, corr(rx, ry) AS rho,
         regr_slope(y, x) AS slope, regr_intercept(y, x) AS intercept, regr_r2(y, x) AS r2
  FROM pairs)
SELECT n, r,
       tanh(atanh(r) - 1.959964 / sqrt(n - 3)) AS r_ci_low,
       tanh(atanh(r) + 1.959964 / sqrt(n - 3)) AS r_ci_high,
       rho, k.s / sqrt(k.nx * k.ny) AS tau_b, slope, intercept, r2
FROM stats, kendall k;
