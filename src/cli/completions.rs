//! Shell completions: `innodex completions bash|zsh|fish|powershell`, and the hidden
//! `innodex __complete-values CWORD WORDS...` (read before clap parses) that the bash, zsh and fish scripts call for the
//! values only the data knows (indicator ids, country codes, groups, query names, vintages).
//!
//! The scripts are clap_complete's static ones, generated from the same clap definition as the
//! parser, with a short hook appended. The hook passes the words typed so far to
//! `__complete-values`, which finds the position on the real clap tree (subcommand, option
//! awaiting a value, or n-th positional) and prints the matching values one per line; it exits
//! non-zero where no data-backed value is expected, and the hook then falls back to the static
//! completion (subcommands, flags, files). clap_complete's own dynamic engine (`CompleteEnv`)
//! was not used: it is behind the `unstable-dynamic` feature, whose interface changes between
//! minor releases, and it would replace the static scripts rather than extend them.
//! The scripts themselves are made in `completion_scripts.rs`.

use crate::catalog::{Catalog, DataSource};
use crate::error::{Error, Result};
use clap::{Arg, ArgAction, Command};
use std::path::PathBuf;

/// What kind of value a position on the command line takes, when the data knows the answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Indicator,
    Country,
    Group,
    GroupKind,
    Query,
    Vintage,
    Dataset,
}

/// The value kind of an argument of the subcommand named `command`, judged by the argument's
/// id, so subcommands added later with the same ids (`indicator`, `countries`, …) are covered.
pub fn kind_of(command: &str, arg: &Arg) -> Option<ValueKind> {
    Some(match (command, arg.get_id().as_str()) {
        // import names a new dataset and indicator
        ("import", _) => return None,
        (_, "indicator" | "indicators" | "x" | "y") => ValueKind::Indicator,
        ("run", "names") => ValueKind::Query,
        ("resolve", "names") => ValueKind::Country,
        (_, "country" | "countries") => ValueKind::Country,
        (_, "group" | "groups" | "highlight") => ValueKind::Group,
        (_, "within") => ValueKind::GroupKind,
        (_, "vintage") => ValueKind::Vintage,
        ("indicators", "text") => ValueKind::Dataset,
        _ => return None,
    })
}

/// Where the cursor is: the kind of value wanted, the value typed so far (after `--opt=` when
/// the word is one: candidates are the values alone, as fish expects, and zsh's hook strips
/// `--opt=` with `compset`), and `--data DIR` if given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub kind: ValueKind,
    pub word: String,
    pub data: Option<PathBuf>,
}

pub(super) fn takes_value(arg: &Arg) -> bool {
    arg.get_num_args().is_some_and(|n| n.takes_values())
        && !matches!(
            arg.get_action(),
            ArgAction::SetTrue | ArgAction::SetFalse | ArgAction::Count | ArgAction::Help
        )
}

fn find_long<'a>(cmd: &'a Command, name: &str) -> Option<&'a Arg> {
    cmd.get_arguments().find(|a| {
        a.get_long() == Some(name) || a.get_all_aliases().is_some_and(|v| v.contains(&name))
    })
}

fn find_short(cmd: &Command, c: char) -> Option<&Arg> {
    cmd.get_arguments().find(|a| a.get_short() == Some(c))
}

/// The position of word `cword` of `words` (`words[0]` is the program) on the command tree
/// `root`; None where no data-backed value is expected (a subcommand, a flag, a file, …).
pub fn position(root: &Command, words: &[String], cword: usize) -> Option<Position> {
    let mut root = root.clone();
    root.build(); // global options are propagated to every subcommand
    let current = words.get(cword)?;
    let mut cmd = &root;
    let mut positionals = 0usize;
    let mut pending: Option<&Arg> = None;
    let mut data = None;
    let mut only_positionals = false;
    for w in words.get(1..cword)? {
        if let Some(a) = pending.take() {
            if w == "=" {
                // bash splits `--opt=value` into three words
                pending = Some(a);
                continue;
            }
            if a.get_id() == "data" {
                data = Some(PathBuf::from(w));
            }
            continue;
        }
        if only_positionals || w == "-" || !w.starts_with('-') {
            match cmd.find_subcommand(w) {
                Some(sub) if positionals == 0 && !only_positionals => cmd = sub,
                _ => positionals += 1,
            }
        } else if w == "--" {
            only_positionals = true;
        } else if let Some(long) = w.strip_prefix("--") {
            let (name, value) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (long, None),
            };
            if let Some(a) = find_long(cmd, name).filter(|a| takes_value(a)) {
                match value {
                    Some(v) if a.get_id() == "data" => data = Some(PathBuf::from(v)),
                    Some(_) => {}
                    None => pending = Some(a),
                }
            }
        } else {
            // A cluster of short flags: the first one that takes a value takes the rest.
            let shorts = &w[1..];
            for (i, c) in shorts.char_indices() {
                if let Some(a) = find_short(cmd, c).filter(|a| takes_value(a)) {
                    let rest = &shorts[i + c.len_utf8()..];
                    if rest.is_empty() {
                        pending = Some(a);
                    } else if a.get_id() == "data" {
                        data = Some(PathBuf::from(rest));
                    }
                    break;
                }
            }
        }
    }
    let mut word = current.clone();
    let arg = match pending {
        Some(_) if current == "=" => return None,
        Some(a) => a,
        None if current.starts_with("--") && current.contains('=') => {
            let (name, value) = current[2..].split_once('=')?;
            word = value.to_string();
            find_long(cmd, name).filter(|a| takes_value(a))?
        }
        None if !only_positionals && current.starts_with('-') => return None,
        None if positionals == 0 && cmd.has_subcommands() => return None,
        None => {
            let list: Vec<&Arg> = cmd.get_positionals().collect();
            match list.get(positionals) {
                Some(a) => *a,
                None => {
                    let last = *list.last()?;
                    let many = last.get_num_args().is_some_and(|n| n.max_values() > 1)
                        || matches!(last.get_action(), ArgAction::Append);
                    if !many {
                        return None;
                    }
                    last
                }
            }
        }
    };
    Some(Position {
        kind: kind_of(cmd.get_name(), arg)?,
        word,
        data,
    })
}

/// Every value of a kind in the catalog, sorted.
pub fn values(catalog: &Catalog, kind: ValueKind) -> Result<Vec<String>> {
    let mut out: Vec<String> = match kind {
        ValueKind::Indicator => catalog.indicators().into_iter().map(|i| i.id).collect(),
        ValueKind::Country => catalog.countries()?.countries.keys().cloned().collect(),
        ValueKind::Group => catalog.countries()?.groups.keys().cloned().collect(),
        ValueKind::GroupKind => catalog.countries()?.group_kinds(),
        ValueKind::Query => super::queries::embedded()?
            .into_iter()
            .map(|q| q.name)
            .collect(),
        ValueKind::Vintage => catalog
            .datasets
            .iter()
            .flat_map(|d| d.vintages.iter().map(|v| v.id.clone()))
            .collect(),
        ValueKind::Dataset => catalog.datasets.iter().map(|d| d.id.clone()).collect(),
    };
    out.sort();
    out.dedup();
    Ok(out)
}

/// The completions of `word` among `values`: values starting with what follows the word's last
/// `,` or `|` (lists such as `--countries JPN,KOR`), ASCII case ignored, with the list so far kept.
pub fn matching(values: &[String], word: &str) -> Vec<String> {
    let (keep, partial) = match word.rfind([',', '|']) {
        Some(i) => word.split_at(i + 1),
        None => ("", word),
    };
    let partial = partial.to_ascii_lowercase();
    values
        .iter()
        .filter(|v| v.to_ascii_lowercase().starts_with(&partial))
        .map(|v| format!("{keep}{v}"))
        .collect()
}

/// The hidden command the scripts call. It is read before clap parses anything, so it is in no
/// completion script, help text or man page (clap_complete lists hidden subcommands).
pub const VALUES_COMMAND: &str = "__complete-values";

/// `innodex __complete-values CWORD WORDS...`: prints the candidates one per line and exits 0,
/// or exits 2 (which the scripts take as "complete statically") where the data has no values to
/// offer or the words make no sense.
pub fn values_command(root: &Command, args: &[std::ffi::OsString]) -> ! {
    use std::io::Write;
    let words: Vec<String> = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let cword = args.first().and_then(|a| a.to_str()?.parse::<usize>().ok());
    let found = cword.map(|c| complete_values(root, &words, c));
    match found {
        Some(Ok(bytes)) => {
            let mut out = std::io::stdout().lock();
            let written = out.write_all(&bytes).and_then(|_| out.flush());
            std::process::exit(if written.is_ok() { 0 } else { 1 })
        }
        Some(Err(e)) => {
            let _ = writeln!(std::io::stderr(), "innodex: {e}");
            std::process::exit(2)
        }
        None => {
            let _ = writeln!(
                std::io::stderr(),
                "usage: innodex {VALUES_COMMAND} CWORD WORDS..."
            );
            std::process::exit(2)
        }
    }
}

/// The candidates at word `cword` of `words`, one per line; an error where the data has no
/// values to offer there.
pub fn complete_values(root: &Command, words: &[String], cword: usize) -> Result<Vec<u8>> {
    let pos = position(root, words, cword).ok_or_else(|| {
        Error::Usage(format!(
            "{VALUES_COMMAND}: word {cword} takes no indicator, country, group or query"
        ))
    })?;
    let catalog = Catalog::open(match pos.data {
        Some(dir) => DataSource::Dir(dir),
        None => DataSource::Embedded,
    })?;
    let found = matching(&values(&catalog, pos.kind)?, &pos.word);
    Ok(found
        .iter()
        .flat_map(|v| format!("{v}\n").into_bytes())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn at(line: &str) -> Option<(ValueKind, String, Option<PathBuf>)> {
        let mut words: Vec<String> = line.split(' ').map(String::from).collect();
        if line.ends_with(' ') {
            words.pop();
            words.push(String::new());
        }
        let cword = words.len() - 1;
        position(&super::super::Cli::command(), &words, cword).map(|p| (p.kind, p.word, p.data))
    }

    #[test]
    fn positions_on_the_real_command_tree() {
        use ValueKind::*;
        assert_eq!(
            at("innodex rank gii."),
            Some((Indicator, "gii.".into(), None))
        );
        assert_eq!(at("innodex rank "), Some((Indicator, String::new(), None)));
        // The positional is taken; an option's value is next.
        assert_eq!(at("innodex rank gii.score "), None);
        assert_eq!(
            at("innodex rank gii.score --group NA"),
            Some((Group, "NA".into(), None))
        );
        assert_eq!(
            at("innodex --data my rank -q --countries JPN,K"),
            Some((Country, "JPN,K".into(), Some("my".into())))
        );
        assert_eq!(
            at("innodex -qo x.csv peers JP"),
            Some((Country, "JP".into(), None))
        );
        assert_eq!(
            at("innodex peers JPN --n 3 ifr"),
            Some((Indicator, "ifr".into(), None))
        );
        assert_eq!(
            at("innodex chart scatter msti.gerd_pct_gdp "),
            Some((Indicator, String::new(), None))
        );
        assert_eq!(at("innodex run top"), Some((Query, "top".into(), None)));
        assert_eq!(
            at("innodex compare JPN KOR S"),
            Some((Country, "S".into(), None))
        );
        assert_eq!(
            at("innodex rank --vintage 20"),
            Some((Vintage, "20".into(), None))
        );
        // Subcommand names, flags and files are left to the static script.
        assert_eq!(at("innodex ra"), None);
        assert_eq!(at("innodex chart "), None);
        assert_eq!(at("innodex rank gii.score --to"), None);
        assert_eq!(at("innodex rank gii.score -o "), None);
        assert_eq!(at("innodex import "), None);
        assert_eq!(at("innodex import f.csv --indicator "), None);
    }

    #[test]
    fn lists_keep_what_was_typed() {
        let v: Vec<String> = ["JPN", "KOR", "KWT"].map(String::from).into();
        assert_eq!(matching(&v, "JPN,k"), vec!["JPN,KOR", "JPN,KWT"]);
        assert_eq!(matching(&v, "a|j"), vec!["a|JPN"]);
        assert_eq!(matching(&v, "x"), Vec::<String>::new());
    }
}
