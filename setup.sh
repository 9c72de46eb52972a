#!/usr/bin/env bash
# Sets up a fresh Debian or Ubuntu machine that has Node.js 20 for everything in this repository:
# pnpm 12.4.2, the workspace's npm packages (pnpm-lock.yaml), and the Debian packages the video lab and
# the tests run: ffmpeg and ffprobe (package ffmpeg) and mkvinfo (package mkvtoolnix). Debian packages
# are installed only when missing, as root or through sudo. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

if [ "$(pnpm --version 2>/dev/null)" != "12.4.2" ]; then
  echo "setup: installing pnpm 12.4.2" >&2
  npm install -g pnpm@12.4.2 >/dev/null
fi
pnpm install --frozen-lockfile

missing=()
command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || missing+=(ffmpeg)
command -v mkvinfo >/dev/null || missing+=(mkvtoolnix)
command -v chromium >/dev/null || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null; then
    sudo=(sudo)
  else
    echo "setup: the Debian packages ${missing[*]} are missing and this user can neither install them (not root) nor use sudo" >&2
    exit 1
  fi
  echo "setup: installing Debian packages ${missing[*]}" >&2
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "setup: done" >&2
