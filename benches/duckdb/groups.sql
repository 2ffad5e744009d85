-- innodex groups: every group in groups.csv with its number of members at the end of this
-- year (memberships.csv, 'since'/'until' judged as in countries --group).
SELECT g.id, g.name, g.kind, count(m.iso3) AS members
FROM read_csv('datasets/countries/groups.csv', all_varchar = true) g
LEFT JOIN read_csv('datasets/countries/memberships.csv', all_varchar = true) m
  ON m."group" = g.id
 AND coalesce(CAST(left(m.since, 4) AS INTEGER), 0) <= year(current_date)
 AND (m."until" IS NULL OR CAST(left(m."until", 4) AS INTEGER) >= year(current_date))
GROUP BY ALL
ORDER BY g.id;
