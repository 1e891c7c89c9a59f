#!/usr/bin/env bash
# Inspects the packed PortfolioMargin package in $1 (a folder holding PortfolioMargin.<version>.nupkg and .snupkg):
# README, license expression, XML docs, symbols, dependencies, Source Link. Exits non-zero on the first thing missing.
# Package validation itself (EnablePackageValidation) already ran inside `dotnet pack`.
set -euo pipefail
dir=$1
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/src/PortfolioMargin/PortfolioMargin.csproj")
nupkg="$dir/PortfolioMargin.$version.nupkg"
snupkg="$dir/PortfolioMargin.$version.snupkg"
fail() { echo "package check failed: $*" >&2; exit 1; }

[ -f "$nupkg" ] || fail "$nupkg not found"
[ -f "$snupkg" ] || fail "symbols package $snupkg not found"

listing=$(unzip -Z1 "$nupkg")
for f in README.md PortfolioMargin.nuspec lib/net10.0/PortfolioMargin.dll lib/net10.0/PortfolioMargin.xml; do
  grep -qxF "$f" <<<"$listing" || fail "$f missing from $(basename "$nupkg")"
done
if grep -qE '\.pdb$' <<<"$listing"; then fail "a .pdb is in the main package; symbols belong in the .snupkg"; fi
unzip -Z1 "$snupkg" | grep -qxF lib/net10.0/PortfolioMargin.pdb || fail "lib/net10.0/PortfolioMargin.pdb missing from $(basename "$snupkg")"

nuspec=$(unzip -p "$nupkg" PortfolioMargin.nuspec)
grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "nuspec has no MIT license expression"
grep -q '<readme>README.md</readme>' <<<"$nuspec" || fail "nuspec does not name README.md as the package readme"
grep -q '<repository type="git"[^>]* commit="[0-9a-f]\{40\}"' <<<"$nuspec" || fail "nuspec has no repository commit"
# The library's dependencies are exactly these two; a new one must be a deliberate change here.
deps=$(grep -o '<dependency id="[^"]*"' <<<"$nuspec" | sed 's/.*id="//;s/"//' | sort | tr '\n' ' ')
[ "$deps" = "MathNet.Numerics System.Numerics.Tensors " ] || fail "unexpected dependencies: $deps"
# XML docs are real documentation, not an empty file.
members=$(unzip -p "$nupkg" lib/net10.0/PortfolioMargin.xml | grep -c '<member name=' || true)
[ "$members" -gt 500 ] || fail "PortfolioMargin.xml documents only $members members"

# Source Link: the symbols' PDB maps /_/ to raw source URLs. That needs a hosted origin remote; a clone of a local
# path has none, so pack again in a scratch clone whose origin is a placeholder GitHub URL and check that PDB instead.
sourcelink() { unzip -p "$1" lib/net10.0/PortfolioMargin.pdb | grep -ao '{"documents":{"/_/\*":"https://[^"]*"}' || true; }
map=$(sourcelink "$snupkg")
if [ -z "$map" ]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  git clone -q --no-local --depth 1 "file://$root" "$scratch/src"
  git -C "$scratch/src" remote set-url origin https://github.com/portfoliomargin/PortfolioMargin.git
  dotnet pack "$scratch/src/src/PortfolioMargin/PortfolioMargin.csproj" -c Release -p:ContinuousIntegrationBuild=true -o "$scratch/pkg" >"$scratch/pack.log" 2>&1 \
    || { tail -20 "$scratch/pack.log"; fail "pack in the Source Link scratch clone failed"; }
  map=$(sourcelink "$scratch/pkg/PortfolioMargin.$version.snupkg")
  [ -n "$map" ] || fail "no Source Link map in the PDB of a clone with a GitHub origin"
  echo "Source Link (scratch clone with a GitHub origin; this clone's origin is not a hosted URL): $map"
else
  echo "Source Link: $map"
fi
echo "package ok: $(basename "$nupkg") ($(wc -c <"$nupkg") bytes, $members documented members), $(basename "$snupkg"), MIT, README, deps: $deps"
