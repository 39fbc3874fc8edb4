
# `aliyun rolling-update ...` too: the host hands the words after `rolling-update` to this
# plugin, so they complete as the plugin's own; every other `aliyun ...` goes on to whatever
# completed `aliyun` before this script was loaded (the host's `complete -C`, if installed).
case $(complete -p aliyun 2>/dev/null) in
    *_aliyun_rolling_update_host*) ;;
    *) _aliyun_rolling_update_prior=$(complete -p aliyun 2>/dev/null) ;;
esac
_aliyun_rolling_update_host() {
    if [[ ${COMP_CWORD} -ge 2 && ${COMP_WORDS[1]} == rolling-update ]]; then
        local COMP_WORDS=(aliyun-cli-rolling-update "${COMP_WORDS[@]:2}")
        local COMP_CWORD=$((COMP_CWORD - 1))
        _aliyun__cli__rolling__update aliyun-cli-rolling-update "$2" "${COMP_WORDS[COMP_CWORD - 1]}"
        return
    fi
    COMPREPLY=()
    local prior=${_aliyun_rolling_update_prior-} program
    case $prior in
        *" -C "*)
            program=${prior#* -C }
            program=${program% aliyun}
            program=${program#\'}
            program=${program%\'}
            COMPREPLY=($(COMP_LINE=$COMP_LINE COMP_POINT=$COMP_POINT "$program" "$1" "$2" "$3" 2>/dev/null))
            ;;
        *" -F "*)
            program=${prior#* -F }
            "${program%% *}" "$1" "$2" "$3"
            ;;
    esac
    if [[ ${COMP_CWORD} -eq 1 && rolling-update == "$2"* ]]; then
        COMPREPLY+=(rolling-update)
    fi
}
complete -F _aliyun_rolling_update_host -o bashdefault -o default aliyun
