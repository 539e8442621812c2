#!/usr/bin/env bash
# Time from launching ANN Studio to its main window being on screen, on a real X server (Xvfb).
#   packaging/linux/measure_startup.sh [PROGRAM] [RUNS]     (default /usr/bin/ann-studio, 5 runs)
# Starts its own Xvfb, launches PROGRAM, polls (every ~10 ms) until a window of that process is mapped
# (_NET_WM_PID; Qt maps the window right before its first paint), then ends that process.
# Prints every run and the median. Needs: xvfb xauth xdotool (apt-get install); without them it falls
# back to timing `--self-test` offscreen, which is an upper bound (it also builds and trains a network).
set -euo pipefail
PROGRAM=${1:-/usr/bin/ann-studio}
RUNS=${2:-5}
[ -x "$PROGRAM" ] || { echo "measure_startup: $PROGRAM is not executable" >&2; exit 1; }

now() { date +%s.%N; }
elapsed() { awk -v a="$2" -v b="$1" 'BEGIN {printf "%.3f", a - b}'; }  # elapsed START END
median() { sort -n | awk '{a[NR] = $1} END {m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.2f", m}'; }

if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null; then
    echo "measure_startup: Xvfb/xdotool not installed; timing the offscreen self-test instead (upper bound)"
    times=()
    for _ in $(seq "$RUNS"); do
        t0=$(now); QT_QPA_PLATFORM=offscreen "$PROGRAM" --self-test >/dev/null 2>&1; t1=$(now)
        times+=("$(elapsed "$t0" "$t1")")
    done
    printf '  runs: %s s\n' "${times[*]}"
    echo "startup (offscreen --self-test, median of $RUNS): $(printf '%s\n' "${times[@]}" | median) s"
    exit 0
fi

# A free display number, and an Xvfb we own (ended by its pid on exit).
display=97
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1600x1000x24 -nolisten tcp -noreset >/dev/null 2>&1 &
xvfb_pid=$!
app_pid=
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
    kill "$xvfb_pid" 2>/dev/null || true
}
trap cleanup EXIT
export DISPLAY=":$display"
for _ in $(seq 100); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.05; done

times=()
for run in $(seq "$RUNS"); do
    t0=$(now)
    QT_QPA_PLATFORM=xcb "$PROGRAM" >/tmp/ann-studio-startup.$$.log 2>&1 &
    app_pid=$!
    shown=
    while kill -0 "$app_pid" 2>/dev/null; do
        if xdotool search --onlyvisible --pid "$app_pid" >/dev/null 2>&1; then shown=$(now); break; fi
        sleep 0.01
        if awk -v e="$(elapsed "$t0" "$(now)")" 'BEGIN {exit !(e > 30)}'; then break; fi
    done
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=
    if [ -z "$shown" ]; then
        echo "measure_startup: run $run: no window appeared; the program said:" >&2
        cat /tmp/ann-studio-startup.$$.log >&2
        rm -f /tmp/ann-studio-startup.$$.log
        exit 1
    fi
    times+=("$(elapsed "$t0" "$shown")")
done
rm -f /tmp/ann-studio-startup.$$.log
printf '  runs: %s s\n' "${times[*]}"
echo "startup to window shown (Xvfb, median of $RUNS, first run cold): $(printf '%s\n' "${times[@]}" | median) s"
