-- innodex rank gii.score --year 2021 --top 5: the 2021 GII scores, aggregates left out (only
-- codes in countries.csv), ranked highest first with ties sharing the lowest rank (rank()),
-- the top 5 kept with ties, each with its name, the published rank and the number ranked.
SELECT rank() OVER (ORDER BY s.value DESC) AS rank, s.iso3, c.name, s.value, s.published_rank,
       count(*) OVER () AS "of"
FROM read_csv('datasets/gii/score.csv', types = {'year': 'INTEGER', 'value': 'DOUBLE'}) s
JOIN read_csv('datasets/countries/countries.csv', all_varchar = true) c ON c.iso3 = s.iso3
WHERE s.year = 2021 AND s.value IS NOT NULL
QUALIFY rank <= 5
ORDER BY rank, s.iso3;
