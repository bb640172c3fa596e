#!/bin/sh
# Fleetgate worker guard: the server's direct child for one worker. It exists so that no worker
# outlives the server, even when the server's JVM is killed with SIGKILL.
#
#   worker-guard.sh STOP_GRACE ORPHAN_GRACE command [args...]
#
# - The worker runs in its own session and process group (setsid), so a signal to the group
#   reaches its whole process tree, and a Ctrl-C at the server's terminal does not hit it directly.
# - The first line on stderr is "fleetgate-guard: worker pid N", written before the worker runs.
# - The guard's stdin is a pipe from the server. A line "stop" means: SIGTERM the group, SIGKILL it
#   after STOP_GRACE seconds. A line "kill" means SIGKILL now. End of file without a line means
#   the server died: SIGTERM the group, SIGKILL it after ORPHAN_GRACE seconds.
# - The guard ignores SIGINT, SIGHUP, SIGQUIT and SIGTERM: a signal to the server's whole process
#   group (Ctrl-C, `timeout`, `kill -TERM -- -PGID`, a process manager) must leave the guard alive
#   to stop the worker when the server says so, or to notice that the server is gone. The worker is
#   started before the guard ignores them, so it keeps the default dispositions.
# - When the worker exits, whatever is left of its group is killed, and the guard exits with the
#   worker's status (128 + N when signal N killed it).
stop_grace=$1
orphan_grace=$2
shift 2

exec 3<&0
sh -c 'echo "fleetgate-guard: worker pid $$" >&2; exec setsid "$@"' fleetgate-worker "$@" </dev/null &
worker=$!
trap '' INT HUP QUIT TERM

signal_group() {
  kill "-$1" "-$worker" 2>/dev/null || kill "-$1" "$worker" 2>/dev/null
}

(
  if read -r order <&3; then
    case "$order" in
      kill) grace=0 ;;
      *) grace=$stop_grace ;;
    esac
  else
    grace=$orphan_grace
  fi
  signal_group TERM
  sleep "$grace"
  signal_group KILL
) &
watcher=$!

wait "$worker"
status=$?
# The worker is gone; its children must not linger as orphans.
if kill -0 "-$worker" 2>/dev/null; then
  signal_group TERM
  sleep 0.2
  signal_group KILL
fi
kill -KILL "$watcher" 2>/dev/null # it ignores TERM, as the guard does
exit "$status"
