import { COMMANDS } from './commands.js';

/**
 * A completion script for bash or zsh. Completes command names (and their
 * aliases) in the first position and file names elsewhere, without running
 * skiff on every keystroke.
 */
export function completionScript(shell: 'bash' | 'zsh'): string {
  const words = COMMANDS.flatMap((c) => [c.name, ...(c.aliases ?? [])]).sort().join(' ');
  const bash = `# skiff bash completion. Load with: source <(skiff completion bash)
_skiff_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  if [ "\$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( \$(compgen -W "${words}" -- "\$cur") )
  else
    COMPREPLY=( \$(compgen -f -- "\$cur") )
  fi
}
complete -o default -F _skiff_complete skiff
`;
  if (shell === 'bash') return bash;
  return `#compdef skiff
# skiff zsh completion. Load with: source <(skiff completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bash}`;
}
