
# `aliyun rolling-update ...` too: the host hands the words after `rolling-update` to this
# plugin, so they complete as the plugin's own (load this file at start-up, from conf.d).
function __aliyun_rolling_update_words
    set -l words (commandline -opc)
    test (count $words) -ge 2; and test "$words[2]" = rolling-update
end
function __aliyun_rolling_update_complete
    set -l words (commandline -opc)
    set -l middle
    if test (count $words) -ge 3
        set middle (string escape -- $words[3..-1])
    end
    complete -C (string join -- ' ' aliyun-cli-rolling-update $middle (commandline -ct))
end
complete -c aliyun -n __fish_use_subcommand -f -a rolling-update -d 'Roll out an update to an Auto Scaling group, batch by batch'
complete -c aliyun -n __aliyun_rolling_update_words -f -a '(__aliyun_rolling_update_complete)'
