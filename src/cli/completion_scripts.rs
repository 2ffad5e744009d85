//! The completion scripts of `innodex completions SHELL`: clap_complete's static script for
//! the shell, generated from the same clap definition as the parser, plus a hook that asks
//! `innodex __complete-values` (see `completions.rs`) for the values only the data knows.
//! Bash, zsh and fish get the hook; PowerShell the static script only.

use super::completions::{kind_of, takes_value};
use clap::Command;

/// `innodex completions` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShellArg {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

/// The completion script for a shell: clap_complete's, plus the hook for data-backed values.
pub fn script(root: &Command, shell: ShellArg) -> Vec<u8> {
    use clap_complete::Shell;
    let mut cmd = root.clone();
    let name = cmd.get_name().to_string();
    let mut buf = Vec::new();
    let generator = match shell {
        ShellArg::Bash => Shell::Bash,
        ShellArg::Zsh => Shell::Zsh,
        ShellArg::Fish => Shell::Fish,
        ShellArg::Powershell => Shell::PowerShell,
    };
    clap_complete::generate(generator, &mut cmd, &name, &mut buf);
    let hook = match shell {
        ShellArg::Bash => BASH_HOOK,
        ShellArg::Zsh => ZSH_HOOK,
        ShellArg::Fish => FISH_HOOK,
        ShellArg::Powershell => "",
    };
    let mut hook = hook.replace("{name}", &name);
    if shell == ShellArg::Fish {
        hook.push_str(&fish_option_lines(root));
    }
    let tail = ZSH_CLAP_TAIL.replace("{name}", &name);
    match String::from_utf8(buf) {
        Ok(text) if shell == ShellArg::Zsh && text.ends_with(&tail) => {
            let mut text = text[..text.len() - tail.len()].to_string();
            text.push_str(&hook);
            text.into_bytes()
        }
        Ok(text) => (text + &hook).into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

/// Bash: values from `__complete-values` where it has them, else clap's `_innodex`.
const BASH_HOOK: &str = r#"
# innodex: indicator ids, country codes, groups and query names from the data itself.
_{name}_values() {
    local out
    if out=$("${COMP_WORDS[0]}" __complete-values "$COMP_CWORD" "${COMP_WORDS[@]}" 2>/dev/null); then
        local IFS=$'\n'
        COMPREPLY=($out)
        return 0
    fi
    _{name} "$@"
}
if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _{name}_values -o nosort -o bashdefault -o default {name}
else
    complete -F _{name}_values -o bashdefault -o default {name}
fi
"#;

/// Zsh: the same, with zsh's 1-based `words` and `CURRENT`. It replaces clap's closing block,
/// so `_innodex_values` is registered whether the file is sourced or autoloaded from `$fpath`.
const ZSH_HOOK: &str = r#"
# innodex: indicator ids, country codes, groups and query names from the data itself.
_{name}_values() {
    local out
    if out=$("${words[1]}" __complete-values $((CURRENT - 1)) "${words[@]}" 2>/dev/null); then
        local -a vals
        vals=(${(f)out})
        compset -P '--*='
        compadd -a vals
        return 0
    fi
    _{name} "$@"
}

compdef _{name}_values {name}
if [ "$funcstack[1]" = "_{name}" ]; then
    _{name}_values "$@"
fi
"#;

/// clap_complete's closing block of the zsh script, which [`ZSH_HOOK`] replaces.
const ZSH_CLAP_TAIL: &str = r#"
if [ "$funcstack[1]" = "_{name}" ]; then
    _{name} "$@"
else
    compdef _{name} {name}
fi
"#;

/// Fish: offered alongside clap's completions wherever `__complete-values` has values.
const FISH_HOOK: &str = r#"
# innodex: indicator ids, country codes, groups and query names from the data itself.
function __fish_{name}_values
    set -l words (commandline -opc)
    $words[1] __complete-values (count $words) $words (commandline -ct) 2>/dev/null
end
complete -c {name} -f -n '__fish_{name}_values >/dev/null' -a '(__fish_{name}_values)'
"#;

/// Fish completes an option's value only from entries for that option: one such entry per
/// option that takes data values somewhere in the tree (the condition finds where).
fn fish_option_lines(root: &Command) -> String {
    fn walk(cmd: &Command, longs: &mut std::collections::BTreeSet<String>) {
        for a in cmd.get_arguments() {
            if let (Some(long), Some(_)) = (a.get_long(), kind_of(cmd.get_name(), a)) {
                if takes_value(a) {
                    longs.insert(long.to_string());
                }
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, longs);
        }
    }
    let mut longs = std::collections::BTreeSet::new();
    let mut built = root.clone();
    built.build(); // value counts are known only once built
    walk(&built, &mut longs);
    let name = root.get_name();
    longs
        .iter()
        .map(|l| {
            format!(
                "complete -c {name} -n '__fish_{name}_values >/dev/null' -l {l} -r -f -a '(__fish_{name}_values)'\n"
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_zsh_script_registers_the_hook_in_place_of_clap_s_own() {
        let text =
            String::from_utf8(script(&super::super::Cli::command(), ShellArg::Zsh)).expect("UTF-8");
        assert!(!text.contains("compdef _innodex innodex"), "{text}");
        assert_eq!(text.matches("compdef _innodex_values innodex").count(), 1);
        assert!(text.ends_with("    _innodex_values \"$@\"\nfi\n"), "{text}");
    }

    #[test]
    fn fish_gets_an_entry_for_each_option_with_data_values() {
        let text = String::from_utf8(script(&super::super::Cli::command(), ShellArg::Fish))
            .expect("UTF-8");
        let entry = |l: &str| {
            format!(
                "-n '__fish_innodex_values >/dev/null' -l {l} -r -f -a '(__fish_innodex_values)'"
            )
        };
        for long in [
            "countries",
            "group",
            "highlight",
            "indicators",
            "vintage",
            "within",
        ] {
            assert!(text.contains(&entry(long)), "--{long}");
        }
        for long in ["output", "data", "title", "top"] {
            assert!(!text.contains(&entry(long)), "--{long}");
        }
    }
}
