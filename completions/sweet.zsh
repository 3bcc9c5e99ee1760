#compdef sweet
# zsh completion for sweet.
# Install: sweet completion zsh > "${fpath[1]}/_sweet"  (or any directory in $fpath)
# It asks sweet itself for candidates (sweet ... --generate-bash-completion).

_sweet() {
  local -a opts
  local cur
  cur=${words[-1]}
  if [[ "$cur" == "-"* ]]; then
    opts=("${(@f)$(${words[@]:0:#words[@]-1} ${cur} --generate-bash-completion)}")
  else
    opts=("${(@f)$(${words[@]:0:#words[@]-1} --generate-bash-completion)}")
  fi
  if [[ "${opts[1]}" != "" ]]; then
    _describe 'values' opts
  else
    _files
  fi
}

if [[ "$funcstack[1]" == "_sweet" ]]; then
  _sweet "$@"
else
  compdef _sweet sweet
fi
