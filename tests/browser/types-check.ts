// Compile-only check (`tsc --noEmit`) that the generated www/cablescope.d.ts
// describes a usable API: the page's typical reads must type-check.
import init, { analyze, version } from "../../www/cablescope";
import type { AnalyzeResult, Analysis, Figure, Level, Span } from "../../www/cablescope";

export async function check(bytes: Uint8Array): Promise<string[]> {
  await init({ module_or_path: new URL("../../www/pkg/cablescope_bg.wasm", import.meta.url) });
  const v: string = version();
  const fromText: AnalyzeResult = analyze("UNCLAS ALMATY 004123", { fileName: "05ALMATY4123.txt" });
  const fromBytes: AnalyzeResult = analyze(bytes);
  const out: string[] = [v, String(fromText.schema_version), String(fromBytes.cables.length)];
  for (const cable of fromText.cables) {
    const a: Analysis = cable;
    const level: Level | null = a.classification.level;
    const id: string = a.reference_id ?? "(no id)";
    const span: Span = a.span;
    const text: string = fromText.source_text.slice(span.start_utf16, span.end_utf16);
    const numbers: number[] = a.paragraphs.map((p) => p.number ?? 0);
    const percents: Figure[] = a.figures.filter((f) => f.kind === "percent" && f.qualifier !== "vague");
    const value = percents[0]?.value;
    const shown: string = typeof value === "number" ? value.toFixed(1) : value ?? "";
    const errors = a.diagnostics.filter((d) => d.severity === "error" && d.span !== null);
    out.push(id, level ?? "", text, numbers.join(), shown, String(errors.length));
    out.push(...a.tags.map((t) => t.name ?? t.code), ...a.classification.caveats.map((c) => c.code));
  }
  return out;
}
