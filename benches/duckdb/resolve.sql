-- innodex resolve "Korea, Rep." "Chinese Taipei" Türkiye: each name looked up, case-insensitively,
-- among the codes, names and official names of countries.csv and the aliases of aliases.csv;
-- the matched code's name comes from countries.csv.
WITH names(pos, input) AS (VALUES (1, 'Korea, Rep.'), (2, 'Chinese Taipei'), (3, 'Türkiye')),
countries AS (SELECT * FROM read_csv('datasets/countries/countries.csv', all_varchar = true)),
dict AS (
  SELECT lower(iso3) AS key, iso3 AS code FROM countries
  UNION SELECT lower(name), iso3 FROM countries
  UNION SELECT lower(official_name), iso3 FROM countries WHERE official_name IS NOT NULL
  UNION SELECT lower(alias), code FROM read_csv('datasets/countries/aliases.csv', all_varchar = true)
)
SELECT n.input, d.code AS iso3, c.name
FROM names n
LEFT JOIN dict d ON d.key = lower(n.input)
LEFT JOIN countries c ON c.iso3 = d.code
ORDER BY n.pos;
