#!/usr/bin/env bash
# Inspects the packed packages in $1 (a folder holding PortfolioMargin.<version>.nupkg/.snupkg and
# PortfolioMargin.Cli.<version>.nupkg): README, license expression, release notes, XML docs, symbols, dependencies, the
# tool's shape, and the repository URL and Source Link, which come from this clone's git origin and nowhere else
# (docs/releasing.md). Exits non-zero on the first thing missing. Package validation itself (EnablePackageValidation)
# already ran inside `dotnet pack`.
set -euo pipefail
dir=$1
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(dotnet msbuild "$root/src/PortfolioMargin/PortfolioMargin.csproj" -getProperty:Version -nologo)
nupkg="$dir/PortfolioMargin.$version.nupkg"
snupkg="$dir/PortfolioMargin.$version.snupkg"
tool="$dir/PortfolioMargin.Cli.$version.nupkg"
fail() { echo "package check failed: $*" >&2; exit 1; }

# The version is the changelog's newest released heading.
changelog=$(grep -m1 -oE '^## \[[0-9]+\.[0-9]+\.[0-9]+[^]]*\]' "$root/docs/CHANGELOG.md" | sed 's/^## \[//; s/\]$//')
[ "$version" = "$changelog" ] || fail "build version $version is not the changelog's newest release $changelog"
for f in "$nupkg" "$snupkg" "$tool"; do [ -f "$f" ] || fail "$f not found"; done

listing=$(unzip -Z1 "$nupkg")
for f in README.md PortfolioMargin.nuspec lib/net10.0/PortfolioMargin.dll lib/net10.0/PortfolioMargin.xml; do
  grep -qxF "$f" <<<"$listing" || fail "$f missing from $(basename "$nupkg")"
done
if grep -qE '\.pdb$' <<<"$listing"; then fail "a .pdb is in the main package; symbols belong in the .snupkg"; fi
unzip -Z1 "$snupkg" | grep -qxF lib/net10.0/PortfolioMargin.pdb || fail "lib/net10.0/PortfolioMargin.pdb missing from $(basename "$snupkg")"

nuspec=$(unzip -p "$nupkg" PortfolioMargin.nuspec)
grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "nuspec has no MIT license expression"
grep -q '<readme>README.md</readme>' <<<"$nuspec" || fail "nuspec does not name README.md as the package readme"
grep -q "<version>$version</version>" <<<"$nuspec" || fail "nuspec version is not $version"
grep -q '<releaseNotes>' <<<"$nuspec" || fail "nuspec has no release notes (the changelog section of $version)"
grep -q '<repository type="git"[^>]* commit="[0-9a-f]\{40\}"' <<<"$nuspec" || fail "nuspec has no repository commit"
# The package README is the guide, not a pointer: it has the install line and compiled examples (see DocumentationExamplesTests).
readme_lines=$(unzip -p "$nupkg" README.md | wc -l)
[ "$readme_lines" -gt 60 ] || fail "package README has only $readme_lines lines"
unzip -p "$nupkg" README.md | grep -q 'dotnet add package PortfolioMargin' || fail "package README does not say how to install"
# The library's dependencies are exactly these two; a new one must be a deliberate change here.
deps=$(grep -o '<dependency id="[^"]*"' <<<"$nuspec" | sed 's/.*id="//;s/"//' | sort | tr '\n' ' ')
[ "$deps" = "MathNet.Numerics System.Numerics.Tensors " ] || fail "unexpected dependencies: $deps"
# XML docs are real documentation, not an empty file.
members=$(unzip -p "$nupkg" lib/net10.0/PortfolioMargin.xml | grep -c '<member name=' || true)
[ "$members" -gt 500 ] || fail "PortfolioMargin.xml documents only $members members"

# The tool: a DotnetTool package with its command, its own README, no NuGet dependencies (it carries what it runs).
tool_listing=$(unzip -Z1 "$tool")
for f in README.md PortfolioMargin.Cli.nuspec tools/net10.0/any/DotnetToolSettings.xml tools/net10.0/any/PortfolioMargin.Cli.dll tools/net10.0/any/PortfolioMargin.dll tools/net10.0/any/System.CommandLine.dll; do
  grep -qxF "$f" <<<"$tool_listing" || fail "$f missing from $(basename "$tool")"
done
tool_nuspec=$(unzip -p "$tool" PortfolioMargin.Cli.nuspec)
grep -q '<packageType name="DotnetTool" />' <<<"$tool_nuspec" || fail "the tool package is not a DotnetTool"
grep -q '<license type="expression">MIT</license>' <<<"$tool_nuspec" || fail "the tool nuspec has no MIT license expression"
unzip -p "$tool" tools/net10.0/any/DotnetToolSettings.xml | grep -q 'Command Name="portfolio-margin"' || fail "the tool's command is not portfolio-margin"

# Repository URL, project URL and Source Link: from this clone's origin when it is a hosted https URL, else none.
origin=$(git -C "$root" remote get-url origin 2>/dev/null || true)
sourcelink() { unzip -p "$1" lib/net10.0/PortfolioMargin.pdb | grep -ao '{"documents":{"/_/\*":"https://[^"]*"}' || true; }
map=$(sourcelink "$snupkg")
if [[ "$origin" =~ ^https://[^/[:space:]]+/[^[:space:]]+$ ]]; then
  for spec in "$nuspec" "$tool_nuspec"; do
    grep -qF "<repository type=\"git\" url=\"$origin\"" <<<"$spec" || fail "nuspec repository url is not the origin $origin"
    grep -q '<projectUrl>https://' <<<"$spec" || fail "nuspec has no project URL although the origin is $origin"
  done
  [ -n "$map" ] || fail "no Source Link map in the PDB although the origin is $origin"
  echo "repository and Source Link from origin $origin: $map"
else
  if grep -q '<repository [^>]*url=' <<<"$nuspec$tool_nuspec" || grep -q '<projectUrl>' <<<"$nuspec$tool_nuspec"; then
    fail "a package names a repository or project URL although this clone's origin ('${origin:-none}') is not a hosted https URL"
  fi
  [ -z "$map" ] || fail "the PDB has a Source Link map ($map) although this clone's origin ('${origin:-none}') is not a hosted https URL"
  echo "origin '${origin:-none}' is not a hosted https URL: the packages carry the commit but no repository or project URL and no Source Link map (a release pack from the published repository has them; docs/releasing.md)"
fi
echo "packages ok: $(basename "$nupkg") ($(wc -c <"$nupkg") bytes, $members documented members, README $readme_lines lines), $(basename "$snupkg"), $(basename "$tool") (tool portfolio-margin); version $version from the changelog; MIT; deps: $deps"
