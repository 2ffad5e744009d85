-- innodex indicators: per indicator file, the year span and the number of countries with a
-- value (aggregates left out: only codes in countries.csv count). DuckDB reads every declared
-- indicator file ({indicator_files}) in one scan and groups by file. (Titles and units live in dataset.toml; the id is taken from the file's path.)
SELECT split_part(filename, '/', 2) || '.' || replace(split_part(filename, '/', 3), '.csv', '') AS id,
       min(year) || '-' || max(year) AS years,
       count(DISTINCT iso3) AS countries
FROM read_csv({indicator_files}, union_by_name = true, filename = true,
              types = {'iso3': 'VARCHAR', 'year': 'INTEGER', 'value': 'DOUBLE'})
WHERE value IS NOT NULL
  AND iso3 IN (SELECT iso3 FROM read_csv('datasets/countries/countries.csv', all_varchar = true))
GROUP BY filename
ORDER BY id;
