
# `aliyun rolling-update ...` too (when this file is sourced, after compinit): the host hands
# the words after `rolling-update` to this plugin, so they complete as the plugin's own; any
# other `aliyun ...` goes on to whatever completed `aliyun` before (the host's, if installed).
if (( $+functions[compdef] )); then
    if [[ ${_comps[aliyun]-} != _aliyun_rolling_update_host ]]; then
        typeset -g _aliyun_rolling_update_prior=${_comps[aliyun]-}
    fi
    _aliyun_rolling_update_host() {
        if (( CURRENT > 2 )) && [[ ${words[2]} == rolling-update ]]; then
            words=(aliyun-cli-rolling-update "${(@)words[3,-1]}")
            (( CURRENT-- ))
            _aliyun-cli-rolling-update
            return
        fi
        if (( CURRENT == 2 )); then
            local -a plugin=('rolling-update:roll out an update to an Auto Scaling group, batch by batch')
            _describe -t commands 'aliyun plugin' plugin
        fi
        [[ -n $_aliyun_rolling_update_prior ]] && eval "$_aliyun_rolling_update_prior"
    }
    compdef _aliyun_rolling_update_host aliyun
fi
