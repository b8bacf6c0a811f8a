#!/usr/bin/env bash
# The benchmark of issue 12, run by hand (never in CI): the app and a MudBlazor template page,
# each published Release and run on real Kestrel in Production with workstation GC, driven side
# by side by one headless Chromium. Prints the table the README's Performance section quotes.
#
#   bash bench/run.sh            # 20 then 60 pages (CPU and latency read with 60 stepping at once)
#   bash bench/run.sh --quick    # 5 then 15 pages, fewer rounds: a few minutes
#   bash bench/run.sh --circuits 10,30 --cold 5 --solo 10
#   bash bench/run.sh --quick --no-build   # reuse bench/out from the last run
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out=bench/out

build=1
args=()
for a in "$@"; do
  if [ "$a" = "--no-build" ]; then build=0; else args+=("$a"); fi
done

if [ "$build" = 1 ]; then
echo "[bench] publishing (Release): the app, the template page, the heap hook, the runner" >&2
dotnet publish BitbucketBlazor/BitbucketBlazor.csproj -c Release -o "$out/app" -v q -nologo >/dev/null
dotnet publish bench/TemplatePage/TemplatePage.csproj -c Release -o "$out/template" -v q -nologo >/dev/null
dotnet build bench/HeapHook/HeapHook.csproj -c Release -o "$out/hook" -v q -nologo >/dev/null
dotnet build bench/BenchRunner/BenchRunner.csproj -c Release -o "$out/runner" -v q -nologo >/dev/null
fi

echo "[bench] machine load before: $(uptime)" >&2
"$out/runner/BenchRunner" "$out" ${args[@]+"${args[@]}"}
