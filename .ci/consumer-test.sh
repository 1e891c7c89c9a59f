#!/usr/bin/env bash
# Consumer test: a throwaway console app outside the repository references PortfolioMargin from the local folder
# feed in $1 (the packed package), builds with warnings as errors and runs one margin calculation.
# Its own global packages folder keeps a stale PortfolioMargin from a machine-wide cache out of the test; the
# machine's cache serves as a read-only fallback for the package's dependencies.
set -euo pipefail
feed=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(dotnet msbuild "$root/src/PortfolioMargin/PortfolioMargin.csproj" -getProperty:Version -nologo)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"

cat >"$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config>
    <add key="globalPackagesFolder" value="$work/packages" />
  </config>
  <fallbackPackageFolders>
    <add key="machine" value="$cache" />
  </fallbackPackageFolders>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="PortfolioMargin" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML

cat >"$work/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="PortfolioMargin" Version="$version" />
  </ItemGroup>
</Project>
XML

cat >"$work/Program.cs" <<'CS'
using PortfolioMargin;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Portfolios;

var now = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
var mar = new DateTimeOffset(2027, 3, 26, 8, 0, 0, TimeSpan.Zero);
var btc = new Underlying("BTC", Currency.Btc, Currency.Usd);
var market = new MarketSnapshot(now, Currency.Usd)
    .WithSpot(btc, 95_000).WithForward(btc, mar, 97_400)
    .WithVolSurface(btc, VolSurface.Flat(0.55)).WithRate(Currency.Usd, 0.0);
var book = new Portfolio(
    new Position(new Future(btc, mar), 1.5),
    new Position(new EuropeanOption(btc, OptionRight.Call, 110_000, mar, OptionSettlement.Inverse), -2));
MarginResult r = new ScenarioGridModel(GridPresets.DeribitStyle(["BTC"], initialToMaintenance: 1.25)).Calculate(book, market);
if (!(r.InitialMargin > 0) || !double.IsFinite(r.InitialMargin)) throw new InvalidOperationException($"unexpected IM {r.InitialMargin}");
Console.WriteLine($"consumer: PortfolioMargin {typeof(MarginResult).Assembly.GetName().Version} from the package, {r.Model} IM {r.InitialMargin:F0} {r.Currency}");
CS

(cd "$work" && dotnet build -c Release -nologo -v q >"$work/build.log" 2>&1) || { cat "$work/build.log"; echo "consumer build failed" >&2; exit 1; }
# The reference must come from the folder feed, not from anywhere else.
grep -q "\"path\": \"portfoliomargin/$version\"" "$work/obj/project.assets.json" || { echo "PortfolioMargin was not restored as a package" >&2; exit 1; }
[ -f "$work/packages/portfoliomargin/$version/portfoliomargin.$version.nupkg" ] || { echo "PortfolioMargin $version did not come from the local feed" >&2; exit 1; }
(cd "$work" && dotnet run -c Release --no-build)
