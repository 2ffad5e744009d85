//! `validate`: findings about a datasets folder, each with file, line and column.
