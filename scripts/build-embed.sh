#!/usr/bin/env bash
# Builds the versioned widget a site can host as it is: dist/cablescope-embed-<version>/ (and a .tar.gz of it) with
# embed.js (www/embed.js and the modules it imports, in one file: scripts/bundle-embed.mjs), embed.css,
# pkg/ (the wasm and its JS glue), cablescope.d.ts, README.md, LICENSE and NOTICE. Needs www/pkg (make build).
# EMBED_OUT=dir puts it elsewhere than dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
name="cablescope-embed-$version"
dest="${EMBED_OUT:-$root/dist}"
out="$dest/$name"
if [ ! -f www/pkg/cablescope_bg.wasm ] || [ ! -f www/pkg/cablescope.js ]; then
  echo "build-embed: www/pkg is missing; run scripts/build-wasm.sh (or make build) first" >&2
  exit 1
fi

rm -rf "$out" "$dest/$name.tar.gz"
mkdir -p "$out/pkg"
node scripts/bundle-embed.mjs "$out/embed.js" "$version"
cp www/embed.css "$out/embed.css"
cp www/pkg/cablescope.js www/pkg/cablescope_bg.wasm "$out/pkg/"
cp www/cablescope.d.ts "$out/cablescope.d.ts"
cp LICENSE NOTICE "$out/"
cat > "$out/README.md" <<README
# cablescope-embed $version

The \`<cable-scope>\` widget: a US diplomatic cable, parsed and marked up, in any page. Host this folder as it
is, anywhere on your site (the widget finds its stylesheet and WebAssembly next to \`embed.js\`); serve
\`.wasm\` as \`application/wasm\`, and add \`Access-Control-Allow-Origin\` if other sites load it from yours.

\`\`\`html
<script type="module" src="/vendor/$name/embed.js"></script>

<cable-scope src="/cables/05ALMATY4282.txt" view="compact"></cable-scope>

<cable-scope view="full" theme="auto">
  <script type="text/plain">
UNCLASSIFIED ... the text of the cable ...
  </script>
</cable-scope>
\`\`\`

Attributes: \`src\`, \`view\` (\`full\`, \`compact\`, \`figures\`), \`theme\` (\`light\`, \`dark\`, \`auto\`),
\`file-name\`, \`sentence-case\`, \`heading-level\`. Properties: \`text\`, \`analysis\` (read-only).
Events: \`cable-analyzed\` (detail: the analysis), \`cable-error\` (detail: a message). Another tag name:
\`embed.js?tag=my-name\`. Under a Content Security Policy the page needs
\`script-src <this folder's origin> 'wasm-unsafe-eval'\` and \`connect-src <this folder's origin>\`.
Should the reader ever stop on a cable, the widget says so and imports \`pkg/cablescope.js?instance=N\` (the same
file: serve it whatever the query string) for a fresh instance.
The full reference (parts, custom properties, stability promise) is in the cablescope README,
section "Embedding the widget". \`cablescope.d.ts\` types the analysis (\`Analysis\`).
README
tar -czf "$dest/$name.tar.gz" -C "$dest" "$name"
js_gz=$(gzip -9 -c "$out/embed.js" | wc -c)
echo "build-embed: $out ($(find "$out" -type f | wc -l) files; embed.js ${js_gz} bytes gzipped) and $dest/$name.tar.gz"
