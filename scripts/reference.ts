/**
 * Renders docs/reference.md from the component definition itself, so the reference cannot drift
 * from the code: connections, trigger, data sources and actions with every input and example.
 */
import type component from "../src";

type Converted = typeof component;
interface InputDoc {
  key: string;
  label: string | { key: string; value: string };
  type: string;
  required?: boolean;
  default?: unknown;
  comments?: string;
  example?: string;
  collection?: string;
  model?: { label: string; value: string }[];
  dataSource?: string;
  placeholder?: string;
}

const cell = (value: unknown): string =>
  value === undefined || value === null || value === ""
    ? ""
    : String(typeof value === "string" ? value : JSON.stringify(value))
        .replace(/\|/g, "\\|")
        .replace(/\r?\n/g, " ");

interface Documented {
  key: string;
  display: { label: string; description: string; important?: boolean; directions?: string };
  inputs: unknown;
  examplePayload?: unknown;
  /** As the converted component holds it: `SAFE` or `NOT_ALLOWED`. */
  performSafety?: string;
  outputSchema?: { type: string; schema?: string };
}

const labelOf = (label: InputDoc["label"]) => (typeof label === "string" ? label : label.value);

const typeOf = (input: InputDoc) => {
  const base = input.collection ? `${input.type} (${input.collection})` : input.type;
  const extras = [
    input.model?.length ? `one of ${input.model.map((m) => `\`${m.value}\``).join(", ")}` : "",
    input.dataSource ? `picklist \`${input.dataSource}\`` : "",
  ].filter(Boolean);
  return extras.length ? `${base}; ${extras.join("; ")}` : base;
};

const inputTable = (inputs: InputDoc[]): string => {
  if (!inputs.length) return "No inputs.\n";
  const rows = inputs.map(
    (input) =>
      `| ${cell(labelOf(input.label))} | \`${input.key}\` | ${cell(typeOf(input))} | ${input.required ? "yes" : "no"} | ${cell(input.type === "connection" ? "" : input.default)} | ${cell(input.comments)} | ${cell(input.example)} | ${cell(input.placeholder)} |`,
  );
  return [
    "| Input | Key | Type | Required | Default | Comments | Example | Placeholder |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
};

/** Buffers render as a size, not as a list of byte values. */
const replacer = (_key: string, value: unknown) =>
  value &&
  typeof value === "object" &&
  (value as { type?: string }).type === "Buffer" &&
  Array.isArray((value as { data?: unknown }).data)
    ? `<binary, ${(value as { data: unknown[] }).data.length} bytes>`
    : value;

const details = (summary: string, json: string | undefined): string =>
  json === undefined
    ? ""
    : [
        `<details><summary>${summary}</summary>`,
        "",
        "```json",
        json,
        "```",
        "",
        "</details>",
        "",
      ].join("\n");

const example = (payload: unknown) =>
  details(
    "Example payload",
    payload === undefined ? undefined : JSON.stringify(payload, replacer, 2),
  );

const schema = (outputSchema: Documented["outputSchema"]) =>
  details(
    "Output schema",
    outputSchema?.schema === undefined
      ? undefined
      : JSON.stringify(JSON.parse(outputSchema.schema), null, 2),
  );

const SAFETY: Record<string, string> = {
  SAFE: "safe (read-only: the designer may run it inline to fill reference data)",
  NOT_ALLOWED: "not allowed (it writes, or can: the designer never runs it inline)",
};

/** The lines under an item's heading: key and description, then what the builder sees beside them. */
const summary = (item: Item) => {
  const traits = [
    item.important ? "**Important** (listed first among the component's actions)" : "",
    item.performSafety ? `Perform safety: ${SAFETY[item.performSafety]}` : "",
  ].filter(Boolean);
  return [
    `Key: \`${item.key}\`. ${item.description}`,
    ...(traits.length ? ["", traits.join(". ") + "."] : []),
  ].join("\n");
};

interface Item {
  key: string;
  label: string;
  description: string;
  inputs: InputDoc[];
  examplePayload?: unknown;
  important?: boolean;
  directions?: string;
  performSafety?: string;
  outputSchema?: Documented["outputSchema"];
}

const section = (heading: string, items: Item[]) =>
  [
    `## ${heading}`,
    "",
    ...items.flatMap((item) => [
      `### ${item.label}`,
      "",
      summary(item),
      "",
      ...(item.directions ? [`> ${item.directions}`, ""] : []),
      inputTable(item.inputs),
      example(item.examplePayload),
      schema(item.outputSchema),
    ]),
  ].join("\n");

export const renderReference = (definition: Converted): string => {
  const byLabel = <T extends { label: string }>(items: T[]) =>
    [...items].sort((a, b) => a.label.localeCompare(b.label));
  const documented = (items: Record<string, Documented> = {}) =>
    byLabel(
      Object.values(items).map((item) => ({
        key: item.key,
        label: item.display.label,
        description: item.display.description,
        inputs: item.inputs as InputDoc[],
        examplePayload: item.examplePayload,
        important: item.display.important,
        directions: item.display.directions,
        performSafety: item.performSafety,
        outputSchema: item.outputSchema,
      })),
    );
  const actions = documented(definition.actions);
  const triggers = documented(definition.triggers);
  const dataSources = documented(definition.dataSources);
  const connections = (definition.connections ?? []).map((c) => ({
    key: c.key,
    label: c.label,
    description: c.comments ?? "",
    inputs: c.inputs,
  }));
  return [
    `# ${definition.display.label} component reference`,
    "",
    "<!-- Generated by `npm run docs` from the component definition. Do not edit by hand. -->",
    "",
    `${definition.display.description}`,
    "",
    `Component key: \`${definition.key}\`. ${connections.length} connections, ${triggers.length} trigger, ${dataSources.length} data sources, ${actions.length} actions.`,
    "",
    section("Connections", connections),
    section("Triggers", triggers),
    section("Data sources", dataSources),
    section("Actions", actions),
  ].join("\n");
};
