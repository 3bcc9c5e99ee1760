# PowerShell completion for sweet.
# Install: sweet completion powershell | Out-String | Invoke-Expression  (add it to $PROFILE)
# It asks sweet itself for candidates (sweet ... --generate-bash-completion).
Register-ArgumentCompleter -Native -CommandName sweet -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $words = $commandAst.CommandElements | ForEach-Object { $_.ToString() }
    if ($wordToComplete -ne '') { $words = $words[0..($words.Count - 2)] }
    $args = @($words | Select-Object -Skip 1)
    if ($wordToComplete -like '-*') { $args += $wordToComplete }
    & $words[0] @args --generate-bash-completion 2>$null |
        Where-Object { $_ -like "$wordToComplete*" } |
        ForEach-Object { [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_) }
}
