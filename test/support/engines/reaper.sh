#!/usr/bin/env bash
# The engine reaper (see reaper.ts): reads process groups, one a line, until stdin closes.
# "done" means the owner cleaned up itself; end of input without it means the owner died:
# kill the groups, wait for them to go, remove the engine's directory.
dir=$1
groups=()
while read -r line; do
  [ "$line" = done ] && exit 0
  groups+=("$line")
done
for g in "${groups[@]}"; do kill -KILL -- "-$g" 2>/dev/null; done
for _ in $(seq 50); do
  alive=0
  for g in "${groups[@]}"; do kill -0 -- "-$g" 2>/dev/null && alive=1; done
  [ "$alive" = 0 ] && break
  sleep 0.1
done
rm -rf -- "$dir"
