#!/usr/bin/env bash
# Packs every package: a .nupkg and a .snupkg each for HumanConnect.AspNetCore, .Sandbox, .Testing,
# .EntityFrameworkCore and .StackExchangeRedis (the projects build/packages.slnf lists), in Release.
#
# Usage: build/pack.sh [output-directory=artifacts/packages]
#   VERSION_SUFFIX=preview.1 build/pack.sh    packs 0.1.0-preview.1 (the version prefix is in Directory.Build.props)
#   CI=true build/pack.sh                     a reproducible build (ContinuousIntegrationBuild: /_/ paths in the PDBs)
#
# It builds into its own folder (artifacts/pack-build, or PACK_BUILD_DIRECTORY), never into the projects' bin/ and
# obj/: packing with another version does not disturb a build or a test run of the same tree. The release notes
# come from CHANGELOG.md (src/Directory.Build.targets); package validation runs as part of the pack.
set -euo pipefail
cd "$(dirname "$0")/.."
output=$(mkdir -p "${1:-artifacts/packages}" && cd "${1:-artifacts/packages}" && pwd)
build_directory=${PACK_BUILD_DIRECTORY:-$PWD/artifacts/pack-build}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

args=(build/packages.slnf -c Release -o "$output" --artifacts-path "$build_directory" -warnaserror -nologo -v q -nodeReuse:false)
[ -z "${VERSION_SUFFIX:-}" ] || args+=(--version-suffix "$VERSION_SUFFIX")
dotnet pack "${args[@]}"

ls -1 "$output"/*.nupkg "$output"/*.snupkg
